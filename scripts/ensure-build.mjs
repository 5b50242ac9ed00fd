/**
 * `npm start`, before it execs the compiled server: builds (`npm run build`) when there is no build
 * yet, on a developer machine only. With NODE_ENV=production a missing build is an error: a
 * deployment runs what its image build produced and never builds at start.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const plugins = fs
  .readdirSync(path.join(root, 'plugins'))
  .filter((dir) => fs.existsSync(path.join(root, 'plugins', dir, 'package.json')))
  .map((dir) => `plugins/${dir}/dist/index.js`)
const outputs = ['.next/BUILD_ID', 'dist/server.js', ...plugins]
const missing = outputs.filter((file) => !fs.existsSync(path.join(root, file)))
if (missing.length) {
  if (process.env.NODE_ENV === 'production') {
    console.error(
      `No build (${missing.join(', ')} missing) and NODE_ENV=production: run \`npm run build\` first.`,
    )
    process.exit(1)
  }
  console.log('No build yet: building the admin and the server (a few minutes)…')
  // The build's own report (route table, Next's experiments) is for whoever changes the app: it is
  // shown only when the build fails (or with BUILD_VERBOSE=1).
  const verbose = process.env.BUILD_VERBOSE === '1'
  const options = {
    cwd: root,
    stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }
  const started = Date.now()
  const npm = process.env.npm_execpath
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', '-s', 'build'], options)
    : spawnSync('npm', ['run', '-s', 'build'], options)
  if (run.status !== 0) {
    if (!verbose) process.stderr.write(`${run.stdout ?? ''}${run.stderr ?? ''}`)
    console.error('The build failed; see the output above.')
    process.exit(1)
  }
  console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`)
}
