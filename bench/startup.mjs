/**
 * `npm run bench:startup` (needs `npm run build`): start-up of the built app as the image runs it
 * (`node …SERVER_ARGS`, scripts/server-args.mjs), to a healthy `/healthz`.
 *
 * The first start creates the database (migrations, first-start import) and is not counted; then
 * BENCH_STARTS (default 5) starts on that database, each stopped with SIGTERM. Prints each start,
 * the median, the RSS once ready and the exit code and time of each SIGTERM.
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { SERVER_ARGS } from '../scripts/server-args.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STARTS = Number(process.env.BENCH_STARTS || 5)
const PORT = Number(process.env.BENCH_PORT || 3320)
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-startup-'))
const env = {
  ...process.env,
  NODE_ENV: 'production',
  NODE_OPTIONS: '',
  PORT: String(PORT),
  PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
  DATABASE_URI: `file:${path.join(work, 'startup.db')}`,
  MEDIA_DIR: path.join(work, 'media'),
  REDIS_URL: '',
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const rssMB = (pid) =>
  Math.round(
    Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024,
  )

async function startOnce() {
  const started = performance.now()
  let output = ''
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    env,
  })
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${output}`)
    if (performance.now() - started > 120_000) throw new Error(`not healthy:\n${output}`)
    const ok = await fetch(`http://127.0.0.1:${PORT}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false)
    if (ok) break
    await sleep(25)
  }
  const ms = performance.now() - started
  const rss = rssMB(child.pid)
  const stopping = performance.now()
  const exited = new Promise((r) => child.once('exit', (code) => r(code)))
  child.kill('SIGTERM')
  const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')])
  if (code === 'timeout') child.kill('SIGKILL')
  return { ms, rss, code, stopMs: performance.now() - stopping }
}

const first = await startOnce()
console.error(`first start (creates the database, not counted): ${(first.ms / 1000).toFixed(2)} s`)
const runs = []
for (let i = 0; i < STARTS; i++) {
  const run = await startOnce()
  runs.push(run)
  console.error(
    `start ${i + 1}: healthy after ${(run.ms / 1000).toFixed(2)} s, RSS ${run.rss} MB; SIGTERM → exit ${run.code} in ${Math.round(run.stopMs)} ms`,
  )
}
const sorted = runs.map((r) => r.ms).sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]
console.log(
  `Start-up to a healthy /healthz, median of ${STARTS}: ${(median / 1000).toFixed(2)} s (${sorted.map((ms) => (ms / 1000).toFixed(2)).join(', ')}); RSS once ready ${Math.min(...runs.map((r) => r.rss))}–${Math.max(...runs.map((r) => r.rss))} MB; SIGTERM exit codes ${[...new Set(runs.map((r) => r.code))].join(', ')}`,
)
fs.rmSync(work, { recursive: true, force: true })
