/**
 * The real server, end to end: starts `src/server.ts` on the built app (production mode, a fresh
 * SQLite file, a free port) and checks what a user of `npm start` relies on. Run by `.ci/run`
 * after `npm run build` as `npm run test:server`; prints "N passed, N failed".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const results: { name: string; ok: boolean; detail?: string }[] = []

async function check(name: string, fn: () => Promise<void> | void) {
  try {
    await fn()
    results.push({ name, ok: true })
    console.log(`  ✓ ${name}`)
  } catch (error) {
    results.push({ name, ok: false, detail: (error as Error).message })
    console.log(`  ✕ ${name}: ${(error as Error).message}`)
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-server-'))
const baseEnv = { ...process.env, DATABASE_URI: `file:${path.join(tmp, 'smoke.db')}`, MEDIA_DIR: path.join(tmp, 'media') }
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')

async function waitForReady(child: ChildProcess, output: () => string, ms = 120_000): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (output().includes('Newsroom CMS ready')) return
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`server not ready after ${ms / 1000}s:\n${output()}`)
}

async function main() {
  console.log('Server smoke test (src/server.ts on the built app)')

  await check('refuses to start in production with a well-known secret', () => {
    const run = spawnSync(tsx, ['src/server.ts'], {
      cwd: root,
      env: { ...baseEnv, NODE_ENV: 'production', PAYLOAD_SECRET: 'YOUR_SECRET_HERE' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert(run.status === 1, `exit code ${run.status}`)
    const lines = run.stderr.trim().split('\n')
    assert(lines.length === 1 && lines[0].includes('well-known default'), `stderr: ${run.stderr}`)
  })

  await check('refuses to start in production without a secret', () => {
    // Empty rather than absent, so a developer's own .env cannot fill it in.
    const env: NodeJS.ProcessEnv = { ...baseEnv, NODE_ENV: 'production', PAYLOAD_SECRET: '' }
    const run = spawnSync(tsx, ['src/server.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 })
    assert(run.status === 1 && run.stderr.includes('PAYLOAD_SECRET is not set'), `exit ${run.status}: ${run.stderr}`)
  })

  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let output = ''
  const child = spawn(tsx, ['src/server.ts'], {
    cwd: root,
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'smoke-admin@example.com',
      ADMIN_PASSWORD: 'smoke-password-123',
    },
  })
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))

  try {
    await check('starts on a fresh SQLite file, applying the migrations', () => waitForReady(child, () => output))

    await check('GET /healthz → 200', async () => {
      const res = await fetch(`${base}/healthz`)
      const body = await res.json()
      assert(res.status === 200 && body.status === 'ok', `${res.status} ${JSON.stringify(body)}`)
    })

    await check('GET /api/articles → 200 JSON', async () => {
      const res = await fetch(`${base}/api/articles`)
      assert(res.status === 200, `status ${res.status}`)
      assert(res.headers.get('content-type')?.includes('application/json'), 'not JSON')
      const body = await res.json()
      assert(Array.isArray(body.docs), 'no docs array')
    })

    await check('POST /api/graphql answers a query', async () => {
      const res = await fetch(`${base}/api/graphql?locale=de`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ Locales(sort: "code") { docs { code labels { aiTextBadge } } } }' }),
      })
      const body = await res.json()
      const codes = body.data?.Locales?.docs?.map((d: { code: string }) => d.code)
      assert(res.status === 200 && codes?.join() === 'de,en', JSON.stringify(body))
    })

    await check('GET /admin/login → 200', async () => {
      const res = await fetch(`${base}/admin/login`)
      assert(res.status === 200, `status ${res.status}`)
    })

    await check('the first admin from ADMIN_EMAIL can log in', async () => {
      const res = await fetch(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'smoke-admin@example.com', password: 'smoke-password-123' }),
      })
      const body = await res.json()
      assert(res.status === 200 && body.user?.roles?.includes('admin'), `${res.status} ${JSON.stringify(body)}`)
    })

    await check('an unknown locale is a 400 with a message, also in production', async () => {
      const res = await fetch(`${base}/api/articles?locale=xx`)
      const body = await res.json()
      assert(res.status === 400 && JSON.stringify(body).includes('Unknown locale'), `${res.status} ${JSON.stringify(body)}`)
    })

    await check('security headers and compression', async () => {
      const res = await fetch(`${base}/api/locales`, { headers: { 'accept-encoding': 'gzip' } })
      assert(res.headers.get('x-content-type-options') === 'nosniff', 'no nosniff header')
      assert(res.headers.get('content-encoding') === 'gzip', `content-encoding ${res.headers.get('content-encoding')}`)
    })

    await check('SIGTERM finishes in-flight requests and exits 0', async () => {
      const inFlight = fetch(`${base}/api/articles?depth=2&limit=50`)
      await new Promise((r) => setTimeout(r, 20))
      child.kill('SIGTERM')
      const res = await inFlight
      assert(res.status === 200, `in-flight request got ${res.status}`)
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once('exit', (c) => resolve(c))
        setTimeout(() => resolve(-1), 15_000)
      })
      assert(code === 0, `exit code ${code}\n${output.slice(-2000)}`)
    })
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    fs.rmSync(tmp, { recursive: true, force: true })
  }

  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
