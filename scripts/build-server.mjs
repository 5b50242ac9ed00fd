/**
 * Compiles the server (src/server/index.ts) into dist/server.js with esbuild: the app's code as ESM,
 * every package (the plugins' built packages included) left to node_modules. Code split: what the
 * entry imports dynamically (the server itself, ./serve.ts) is a chunk in dist/chunks/, so a
 * cluster's primary (WEB_CONCURRENCY) loads only the small entry and none of the server's packages. Type errors are
 * caught by `tsc --noEmit` (npm test, CI), not here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()
fs.rmSync(path.join(root, 'dist', 'chunks'), { recursive: true, force: true }) // chunks of older builds
const result = await build({
  absWorkingDir: root,
  entryPoints: { server: 'src/server/index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  jsx: 'automatic',
  logLevel: 'warning',
  metafile: true,
  // Payload keys error responses and log levels by `error.name`: keep class names.
  keepNames: true,
  plugins: [
    {
      name: 'externals',
      setup(b) {
        // Bare specifiers are packages, loaded from node_modules at run time (the plugins too: their
        // built dist/, `npm run build:plugins`).
        b.onResolve({ filter: /^[^./]/ }, ({ path: spec }) => {
          if (spec.startsWith('@payload-config')) return
          return { path: spec, external: true }
        })
      },
    },
  ],
})
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(
  `dist/server.js: ${Object.keys(result.metafile.inputs).length} sources, ${(bytes / 1024).toFixed(0)} KiB, ${Date.now() - started} ms`,
)
