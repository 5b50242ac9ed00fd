/**
 * Compiles the server (src/server.ts) into dist/server.js with esbuild: the app's code and the
 * workspace plugins (TypeScript sources under plugins/) in one ESM file, every other package left to
 * node_modules. Type errors are caught by `tsc --noEmit` (npm test, CI), not here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const workspace = new Set(
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces.flatMap((glob) =>
    fs
      .readdirSync(path.join(root, path.dirname(glob)))
      .map((dir) => path.join(root, path.dirname(glob), dir, 'package.json'))
      .filter((file) => fs.existsSync(file))
      .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')).name),
  ),
)
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')

const started = Date.now()
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
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
        // Bare specifiers are packages: bundled when they are ours (workspace), else loaded at run time.
        b.onResolve({ filter: /^[^./]/ }, ({ path: spec }) => {
          if (spec.startsWith('@payload-config') || workspace.has(packageName(spec))) return
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
