/**
 * The real server, end to end: starts the compiled server (dist/server.js) on the built app
 * (production mode, a fresh SQLite file, a free port) and checks what a user of `npm start` relies on. Run by `.ci/run`
 * after `npm run build` as `npm run test:server`; prints "N passed, N failed".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { SERVER_ARGS as serverArgs } from '../scripts/server-args.mjs'

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
const baseEnv = {
  ...process.env,
  DATABASE_URI: `file:${path.join(tmp, 'smoke.db')}`,
  MEDIA_DIR: path.join(tmp, 'media'),
}

async function waitForReady(
  child: ChildProcess,
  output: () => string,
  ms = 120_000,
): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (output().includes('Newsroom CMS ready')) return
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`server not ready after ${ms / 1000}s:\n${output()}`)
}

type Server = { child: ChildProcess; base: string; output: () => string; secret: string }

/**
 * Starts the compiled server as one Node process, so SIGKILL hits the server itself. Waits until it
 * is ready.
 */
async function startServer(dbFile: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const secret = crypto.randomBytes(32).toString('hex')
  let out = ''
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: {
      ...baseEnv,
      DATABASE_URI: `file:${dbFile}`,
      NODE_ENV: 'production',
      PORT: String(port),
      PAYLOAD_SECRET: secret,
      ADMIN_EMAIL: 'smoke-admin@example.com',
      ADMIN_PASSWORD: 'smoke-password-123',
      ...env,
    },
  })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  await waitForReady(child, () => out)
  return { child, base: `http://127.0.0.1:${port}`, output: () => out, secret }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  )

async function adminToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'smoke-admin@example.com', password: 'smoke-password-123' }),
  })
  const body = await res.json()
  assert(res.status === 200 && body.token, `login: ${res.status} ${JSON.stringify(body)}`)
  return body.token
}

const consentRecord = (base: string, forwardedFor: string) =>
  fetch(`${base}/api/consent-records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ acceptType: 'necessary', revision: 1 }),
  })

/** The ipHash the AI-disclosure plugin stores for an address (its default salt, from the secret). */
function expectedIpHash(ip: string, secret: string): string {
  const payloadSecret = crypto.createHash('sha256').update(secret).digest('hex').slice(0, 32)
  const salt = crypto
    .createHash('sha256')
    .update(`ai-disclosure:consent-ip:${payloadSecret}`)
    .digest('hex')
  return crypto.createHmac('sha256', salt).update(ip).digest('hex')
}

async function ipHashes(base: string, token: string): Promise<string[]> {
  const res = await fetch(`${base}/api/consent-records?limit=100&sort=createdAt`, {
    headers: { authorization: `JWT ${token}` },
  })
  const body = await res.json()
  assert(res.status === 200, `consent records: ${res.status} ${JSON.stringify(body)}`)
  return body.docs.map((d: { ipHash: string }) => d.ipHash)
}

async function main() {
  console.log('Server smoke test (dist/server.js on the built app)')

  await check('refuses to start in production with a well-known secret', () => {
    const run = spawnSync(process.execPath, serverArgs, {
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
    const run = spawnSync(process.execPath, serverArgs, {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert(
      run.status === 1 && run.stderr.includes('PAYLOAD_SECRET is not set'),
      `exit ${run.status}: ${run.stderr}`,
    )
  })

  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let output = ''
  const secret = crypto.randomBytes(32).toString('hex')
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      PAYLOAD_SECRET: secret,
      ADMIN_EMAIL: 'smoke-admin@example.com',
      ADMIN_PASSWORD: 'smoke-password-123',
    },
  })
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))

  try {
    await check('starts on a fresh SQLite file, applying the migrations', () =>
      waitForReady(child, () => output),
    )

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
        body: JSON.stringify({
          query: '{ Locales(sort: "code") { docs { code labels { aiTextBadge } } } }',
        }),
      })
      const body = await res.json()
      const codes = body.data?.Locales?.docs?.map((d: { code: string }) => d.code)
      assert(res.status === 200 && codes?.join() === 'de,en', JSON.stringify(body))
    })

    await check('GET /admin/login → 200', async () => {
      const res = await fetch(`${base}/admin/login`)
      assert(res.status === 200, `status ${res.status}`)
    })

    await check(
      "one Payload: Next's routes use the server's instance (one config, one onInit)",
      async () => {
        // REST, GraphQL, the admin (server components), a reader page: all through Next's bundle.
        const reader = output.match(
          /Reader page of the newest article: \S+?(\/(?:en|de)\/articles\/\S+)/,
        )
        assert(reader, 'no reader page URL in the start message')
        for (const pathname of ['/api/articles?depth=1', '/admin/login', reader[1]!]) {
          const res = await fetch(`${base}${pathname}`)
          assert(res.status === 200, `${pathname}: ${res.status}`)
        }
        const res = await fetch(`${base}/healthz`)
        const body = await res.json()
        assert(
          body.payload?.configLoads === 1 && body.payload?.inits === 1,
          `healthz: ${JSON.stringify(body)}`,
        )
      },
    )

    await check('the first admin from ADMIN_EMAIL can log in', async () => {
      const res = await fetch(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'smoke-admin@example.com', password: 'smoke-password-123' }),
      })
      const body = await res.json()
      assert(
        res.status === 200 && body.user?.roles?.includes('admin'),
        `${res.status} ${JSON.stringify(body)}`,
      )
    })

    await check('an unknown locale is a 400 with a message, also in production', async () => {
      const res = await fetch(`${base}/api/articles?locale=xx`)
      const body = await res.json()
      assert(
        res.status === 400 && JSON.stringify(body).includes('Unknown locale'),
        `${res.status} ${JSON.stringify(body)}`,
      )
    })

    await check('security headers and compression', async () => {
      const res = await fetch(`${base}/api/locales`, { headers: { 'accept-encoding': 'gzip' } })
      assert(res.headers.get('x-content-type-options') === 'nosniff', 'no nosniff header')
      assert(
        res.headers.get('content-encoding') === 'gzip',
        `content-encoding ${res.headers.get('content-encoding')}`,
      )
    })

    await check(
      "without TRUST_PROXY a client's own X-Forwarded-For changes neither the rate limit nor the ipHash",
      async () => {
        const statuses: number[] = []
        for (let i = 0; i < 12; i++)
          statuses.push((await consentRecord(base, `198.51.100.${i + 1}`)).status)
        assert(
          statuses.slice(0, 10).every((s) => s === 201),
          `first 10: ${statuses}`,
        )
        assert(
          statuses.slice(10).every((s) => s === 429),
          `after the limit: ${statuses}`,
        )
        const hashes = await ipHashes(base, await adminToken(base))
        assert(
          hashes.length === 10 && new Set(hashes).size === 1,
          `hashes: ${JSON.stringify(hashes)}`,
        )
        assert(
          !hashes.includes(expectedIpHash('198.51.100.1', secret)),
          'the hash is the one of the forged address',
        )
      },
    )

    await check('4xx answers carry their real message (production build)', async () => {
      const anonymous = await fetch(`${base}/api/articles/translation-status?locale=de`)
      const body = await anonymous.json()
      assert(
        anonymous.status === 401 &&
          body.errors?.[0]?.message === 'Log in to see translation status.',
        `${anonymous.status} ${JSON.stringify(body)}`,
      )
      for (const pathname of ['/api/articles', '/api/consent-records', '/api/graphql']) {
        const res = await fetch(`${base}${pathname}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"title": ',
        })
        const text = await res.text()
        assert(
          res.status === 400 &&
            JSON.parse(text).errors?.[0]?.message === 'The request body is not valid JSON.',
          `${pathname}: ${res.status} ${text.slice(0, 200)}`,
        )
      }
    })

    await check('client errors are logged at info without a stack trace', async () => {
      const before = output.length
      await fetch(`${base}/api/articles/translation-status?locale=de`)
      await fetch(`${base}/api/articles?locale=xx`)
      await fetch(`${base}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      })
      await fetch(`${base}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"title":"x"}',
      })
      await new Promise((r) => setTimeout(r, 300))
      const logged = output.slice(before)
      assert(!/ERROR|stack|⨯/.test(logged), `logged:\n${logged}`)
      assert(
        logged.includes('Log in to see translation status.') && logged.includes('Unknown locale'),
        `logged:\n${logged}`,
      )
    })

    await check('a request body over the limit is a 413 with a message', async () => {
      const res = await fetch(`${base}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'x'.repeat(3 * 1024 * 1024) }),
      })
      const body = await res.json()
      assert(
        res.status === 413 && /too large/.test(body.errors?.[0]?.message),
        `${res.status} ${JSON.stringify(body)}`,
      )
    })

    await check('SIGTERM finishes in-flight requests and exits 0', async () => {
      // A connection of its own, fully sent before the signal: a pooled keep-alive socket may still
      // look idle to the server and be closed as such.
      let sent: () => void
      const flushed = new Promise<void>((resolve) => (sent = resolve))
      const inFlight = new Promise<number>((resolve, reject) => {
        const req = http.get(`${base}/api/articles?depth=2&limit=33`, { agent: false }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        })
        req.on('finish', () => sent())
        req.on('error', reject)
      })
      await flushed
      await new Promise((r) => setTimeout(r, 20))
      child.kill('SIGTERM')
      const status = await inFlight
      assert(status === 200, `in-flight request got ${status}`)
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once('exit', (c) => resolve(c))
        setTimeout(() => resolve(-1), 15_000)
      })
      assert(code === 0, `exit code ${code}\n${output.slice(-2000)}`)
    })
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }

  try {
    await shutdownTest()
    await crashTest()
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }

  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

/** Process ids in a process group (the started command and everything below it). */
const groupPids = (pgid: number) =>
  spawnSync('pgrep', ['-g', String(pgid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number)

/** One request on a connection of its own; `sent` fires once the request is fully written. */
function send(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  sent: () => void,
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, { ...init, agent: false }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('finish', sent)
    req.on('error', reject)
    req.end(init.body)
  })
}

/**
 * `docker stop`, as the README's `npm start` runs: SIGTERM to the started process (npm, which execs
 * nothing else but the compiled server) while saves and reads are in flight. Every process of the
 * tree is gone within 10 s, the exit code is 0, every request sent before the signal is answered,
 * and every acknowledged save is in the database after a restart.
 */
async function shutdownTest() {
  const dbFile = path.join(tmp, 'shutdown.db')
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let out = ''
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    detached: true, // its own process group: the whole tree can be listed
    env: {
      ...baseEnv,
      DATABASE_URI: `file:${dbFile}`,
      NODE_ENV: 'production',
      PORT: String(port),
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'smoke-admin@example.com',
      ADMIN_PASSWORD: 'smoke-password-123',
    },
  })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const acked: string[] = []
  try {
    await check('shutdown: npm start runs npm and one server process', async () => {
      await waitForReady(child, () => out)
      const pids = groupPids(child.pid!)
      const commands = pids.map((pid) =>
        fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '),
      )
      const servers = commands.filter((c) => c.includes('dist/server.js'))
      // npm stays the parent (it relays signals); the shell exec'd itself into the server.
      assert(
        pids.length === 2 && servers.length === 1 && commands.some((c) => /^npm/.test(c)),
        `processes: ${JSON.stringify(commands)}`,
      )
    })

    await check(
      'shutdown: SIGTERM to npm start with saves in flight: those read are answered, exit 0, nothing left within 10 s',
      async () => {
        const token = await adminToken(base)
        let signalled = false
        // Each request and when it was fully written (its own connection, so none waits idle).
        const requests: {
          reply: Promise<{ status: number; body: string }>
          sentAt?: number
          answeredAt?: number
        }[] = []
        const worker = async (w: number) => {
          for (let i = 0; !signalled; i++) {
            const entry: (typeof requests)[number] = {
              reply: Promise.resolve({ status: 0, body: '' }),
            }
            entry.reply = send(
              `${base}/api/articles?locale=en`,
              {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
                body: JSON.stringify({ title: `Shutdown ${w}-${i}`, _status: 'published' }),
              },
              () => (entry.sentAt = Date.now()),
            ).then((r) => {
              entry.answeredAt = Date.now()
              if (r.status === 201) acked.push(JSON.parse(r.body).doc.id)
              return r
            })
            requests.push(entry)
            await entry.reply.catch(() => undefined)
          }
        }
        const workers = Array.from({ length: 6 }, (_, w) => worker(w))
        while (acked.length < 30) await new Promise((r) => setTimeout(r, 5))
        // (fewer than 100 in all, one page of the read-back below)
        const pids = groupPids(child.pid!)
        const started = Date.now()
        child.kill('SIGTERM')
        signalled = true
        const code = await new Promise<number | null>((resolve) => {
          if (child.exitCode !== null) return resolve(child.exitCode)
          child.once('exit', (c) => resolve(c))
          setTimeout(() => resolve(-1), 10_000)
        })
        const took = Date.now() - started
        await Promise.allSettled(workers)
        // Sent before the signal: answered 201, or refused on the connection before the server read
        // it (still in the listen backlog when it stopped accepting); never a 5xx or a cut answer.
        const before = requests.filter((r) => r.sentAt && r.sentAt < started)
        const replies = await Promise.allSettled(before.map((r) => r.reply))
        const refused = (r: PromiseSettledResult<unknown>) =>
          r.status === 'rejected' && ['ECONNRESET', 'ECONNREFUSED'].includes(r.reason?.code)
        const lost = replies.filter(
          (r) => !refused(r) && (r.status === 'rejected' || r.value.status !== 201),
        )
        const answeredAfter = before.map((r) => (r.answeredAt ?? 0) > started)
        assert(answeredAfter.some(Boolean), 'no request was still in flight at the signal')
        assert(code === 0, `exit code ${code} after ${took} ms\n${out.slice(-1500)}`)
        const left = pids.filter((pid) => fs.existsSync(`/proc/${pid}`))
        assert(left.length === 0, `still running: ${left}`)
        assert(
          lost.length === 0,
          `${lost.length} of ${replies.length} requests sent before the signal lost: ${JSON.stringify(lost.slice(0, 3))}`,
        )
        assert(/Database closed/.test(out), `no "Database closed" in the log:\n${out.slice(-1500)}`)
        console.log(
          `    (${acked.length} saves acknowledged; of ${replies.length} requests sent before SIGTERM ${answeredAfter.filter(Boolean).length} answered after it, ${replies.filter(refused).length} refused unread; exit after ${took} ms)`,
        )
      },
    )

    await check('shutdown: after a restart exactly the acknowledged saves are there', async () => {
      assert(acked.length >= 30 && acked.length < 100, `${acked.length} saves acknowledged`)
      const server = await startServer(dbFile)
      try {
        const token = await adminToken(server.base)
        const found = await fetch(
          `${server.base}/api/articles?limit=100&depth=0&locale=en&where[title][like]=Shutdown`,
          { headers: { authorization: `JWT ${token}` } },
        ).then((r) => r.json())
        const ids = (found.docs ?? []).map((d: { id: string }) => d.id).sort()
        assert(
          JSON.stringify(ids) === JSON.stringify([...acked].sort()),
          `${ids.length} saved, ${acked.length} acknowledged: ${JSON.stringify(found).slice(0, 300)}`,
        )
      } finally {
        server.child.kill('SIGTERM')
        await exited(server.child)
      }
    })
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
  }
}

type Save = { locale: 'en' | 'de'; draft: boolean; data: Record<string, string> }

/**
 * One article's saves, sent one after another: create in English, then both locales in turn,
 * published and draft saves mixed (the newest version, read with draft=true, holds the last one).
 */
function savesOf(n: number): Save[] {
  const saves: Save[] = [
    { locale: 'en', draft: false, data: { title: `Crash ${n} en`, summary: `${n} en 1` } },
    { locale: 'de', draft: false, data: { title: `Crash ${n} de`, summary: `${n} de 1` } },
  ]
  for (let v = 2; v <= 5; v++) {
    const draft = v % 2 === 1
    saves.push(
      { locale: 'en', draft, data: { summary: `${n} en ${v}` } },
      { locale: 'de', draft, data: { summary: `${n} de ${v}` } },
    )
  }
  return saves
}

/**
 * F: a burst of authenticated saves (creates and updates, both locales), SIGKILL mid-burst, restart:
 * the database passes `PRAGMA integrity_check` and every save that got a 2xx is there. A field's
 * value must be the last acknowledged one, or the save that was in flight when the process died.
 */
async function crashTest() {
  const dbFile = path.join(tmp, 'crash.db')
  let server: Server | undefined
  const acked: { id: string; save: Save }[] = []
  const inFlight = new Map<string, Save>() // per article: the save sent and not yet answered
  let ackedCount = 0
  try {
    await check('crash: a burst of saves, SIGKILL mid-burst', async () => {
      server = await startServer(dbFile)
      const { base, child } = server
      const token = await adminToken(base)
      let killed = false
      let pending = 0 // requests sent and not answered
      const chain = async (n: number) => {
        let id: string | undefined
        for (const save of savesOf(n)) {
          if (killed) return
          const query = `?locale=${save.locale}${save.draft ? '&draft=true' : ''}`
          const url = id ? `${base}/api/articles/${id}${query}` : `${base}/api/articles${query}`
          if (id) inFlight.set(id, save)
          let res: Response
          pending++
          try {
            res = await fetch(url, {
              method: id ? 'PATCH' : 'POST',
              headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
              body: JSON.stringify({ ...save.data, _status: save.draft ? 'draft' : 'published' }),
            })
            if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
            const body = await res.json()
            id ??= body.doc.id as string
            ackedCount++
            acked.push({ id: id!, save })
            inFlight.delete(id!)
          } catch (error) {
            if (killed) return // the connection died with the process: not acknowledged
            throw error
          } finally {
            pending--
          }
        }
      }
      const burst = Promise.allSettled(Array.from({ length: 16 }, (_, n) => chain(n)))
      while (ackedCount < 80) {
        assert(child.exitCode === null, 'server exited during the burst')
        await new Promise((r) => setTimeout(r, 5))
      }
      killed = true
      const unanswered = pending
      child.kill('SIGKILL')
      await exited(child)
      const outcomes = await burst
      const failed = outcomes.find((r) => r.status === 'rejected') as
        PromiseRejectedResult | undefined
      assert(!failed, `a save failed before the kill: ${failed?.reason}`)
      assert(unanswered > 0, 'no save was in flight at the kill')
      console.log(`    (${ackedCount} saves acknowledged, ${unanswered} in flight at SIGKILL)`)
    })

    await check('crash: PRAGMA integrity_check is ok after the kill', async () => {
      const { createClient } = await import('@libsql/client')
      const db = createClient({ url: `file:${dbFile}` })
      try {
        const { rows } = await db.execute('PRAGMA integrity_check')
        assert(rows.length === 1 && rows[0]![0] === 'ok', JSON.stringify(rows))
      } finally {
        db.close()
      }
    })

    await check(
      'crash: after a restart every acknowledged save is there with its values',
      async () => {
        server = await startServer(dbFile, { TRUST_PROXY: '1' })
        const token = await adminToken(server.base)
        const ids = [...new Set(acked.map((a) => a.id))]
        for (const id of ids) {
          for (const locale of ['en', 'de'] as const) {
            const res = await fetch(
              `${server.base}/api/articles/${id}?locale=${locale}&fallback-locale=none&depth=0&draft=true`,
              {
                headers: { authorization: `JWT ${token}` },
              },
            )
            assert(res.status === 200, `article ${id}: ${res.status}`)
            const doc = await res.json()
            const mine = acked.filter((a) => a.id === id && a.save.locale === locale)
            for (const field of ['title', 'summary']) {
              const last = mine.filter((a) => field in a.save.data).at(-1)
              if (!last) continue
              const pending = inFlight.get(id)
              const allowed = [
                last.save.data[field],
                pending?.locale === locale ? pending.data[field] : undefined,
              ]
              assert(
                allowed.includes(doc[field]),
                `article ${id} ${locale} ${field}: ${JSON.stringify(doc[field])}, acknowledged ${JSON.stringify(last.save.data[field])}`,
              )
            }
          }
        }
      },
    )

    await check('with TRUST_PROXY=1 the address the proxy appended is the client IP', async () => {
      const { base, secret } = server!
      const appended = '203.0.113.7'
      const statuses: number[] = []
      for (let i = 0; i < 11; i++)
        statuses.push((await consentRecord(base, `198.51.100.${i + 1}, ${appended}`)).status)
      assert(
        statuses.slice(0, 10).every((s) => s === 201) && statuses[10] === 429,
        `statuses: ${statuses}`,
      )
      // another client behind the same proxy has its own limit
      assert(
        (await consentRecord(base, `198.51.100.1, 203.0.113.8`)).status === 201,
        'a second client was limited too',
      )
      const hashes = await ipHashes(base, await adminToken(base))
      assert(
        hashes.filter((h) => h === expectedIpHash(appended, secret)).length === 10,
        `hashes: ${JSON.stringify(hashes)}`,
      )
      assert(hashes.at(-1) === expectedIpHash('203.0.113.8', secret), 'second client hash')
    })
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM')
      await exited(server.child)
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
