/**
 * A throw-away PostgreSQL cluster on a free loopback port, for tests, benchmarks and migrations:
 *   node scripts/postgres.mjs -- COMMAND [ARGS…]   starts a cluster, runs COMMAND with
 *                                                  DATABASE_URI=postgres://…/newsroom, stops it
 *   import { startPostgres } from './postgres.mjs'  the same from code (tests/helpers/globalSetup.ts)
 * Uses the server binaries of Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin, or
 * PG_BIN). PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
 * The data directory lives in the temp folder and is removed on stop. `durable: false` (tests) turns
 * off fsync: a crash loses a database that is deleted anyway.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

function binDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const base = '/usr/lib/postgresql'
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (!versions.length)
    throw new Error(
      "no PostgreSQL server binaries: install Debian's `postgresql` (or set PG_BIN to the folder of initdb and pg_ctl)",
    )
  return path.join(base, versions[0], 'bin')
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

/** Runs a server binary, as the `postgres` user when we are root. */
function run(bin, args, options = {}) {
  const isRoot = process.getuid?.() === 0
  const [command, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(binDir(), bin), ...args]]
    : [path.join(binDir(), bin), args]
  const result = spawnSync(command, argv, { encoding: 'utf8', ...options })
  if (result.status !== 0)
    throw new Error(`${bin} failed: ${result.stderr || result.stdout || result.error}`)
  return result.stdout
}

/**
 * Starts a new cluster; resolves to its superuser URI (trust authentication, loopback only) and a
 * `stop()` that shuts it down and deletes it.
 */
export async function startPostgres({ durable = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-pg-'))
  if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:', dir])
  const data = path.join(dir, 'data')
  const port = await freePort()
  run('initdb', [
    ...['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
    ...(durable ? [] : ['--no-sync']),
  ])
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-k ${dir}`,
    '-c max_connections=200',
    // tests open a database per file; nothing there needs to survive a crash
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ]
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', settings.join(' '), '-w', 'start'])
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  // the postmaster: its process tree is the cluster's (benchmarks count its CPU)
  const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
  return { uri: `postgres://postgres@127.0.0.1:${port}`, port, pid, stop }
}

// CLI: run a command against a fresh cluster (no top-level await: jest's globalSetup requires this
// file).
async function cli() {
  const dash = process.argv.indexOf('--')
  const [command, ...args] = process.argv.slice(dash === -1 ? 2 : dash + 1)
  if (!command) {
    console.error('usage: node scripts/postgres.mjs -- COMMAND [ARGS…]')
    process.exit(2)
  }
  let cluster
  try {
    cluster = await startPostgres()
  } catch (error) {
    console.error(`postgres: ${error.message.split('\n')[0]}`)
    process.exit(1)
  }
  const env = { ...process.env, DATABASE_URI: `${cluster.uri}/newsroom` }
  const child = spawn(command, args, { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    cluster.stop()
    process.exit(code ?? (signal ? 1 : 0))
  })
}

if (import.meta.url === `file://${process.argv[1]}`) void cli()
