/**
 * `npm run test:cluster` (after `npm run build`): two built instances (dist/server.js) on one
 * database, Redis, and Varnish with the committed VCL in front, all on loopback ports; then the
 * checks of docs/deployment.md "Several instances": cold starts on an empty database, shared media,
 * publish-to-visible through Varnish and the other instance, login limits across instances and
 * per client behind Varnish, a job whose runner was killed taken over once, a rolling restart
 * under load, Redis stopped and started, the cache-poisoning suite through Varnish.
 *
 * The database: a throw-away PostgreSQL cluster (scripts/postgres.mjs, Debian's `postgresql`) with
 * an empty database; `CLUSTER_DATABASE_URI` names another (`file:/…db`: one SQLite file in WAL
 * mode both instances share, on one machine).
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import {
  assert,
  checks,
  freePort,
  request,
  root,
  sleep,
  startServer,
  tsx,
  type Reply,
  type RunningServer,
} from '../helpers/server'
import { startRedis, startVarnish, type Service } from './services'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cluster-'))
const { check: run, summary } = checks()
// CLUSTER_ONLY=<words>: only the checks whose name contains them (the cold start always runs).
const check = (name: string, fn: () => Promise<void>) =>
  !process.env.CLUSTER_ONLY ||
  name.includes(process.env.CLUSTER_ONLY) ||
  name.includes('cold start')
    ? run(name, fn)
    : Promise.resolve()
const admin = { email: 'cluster-admin@example.com', password: 'cluster-password-123' }
const secret = crypto.randomBytes(32).toString('hex')

/** The database both instances use: an empty one on a new PostgreSQL cluster unless named. */
async function database(): Promise<{ uri: string; stop: () => Promise<void> }> {
  if (process.env.CLUSTER_DATABASE_URI)
    return { uri: process.env.CLUSTER_DATABASE_URI, stop: async () => {} }
  const { startPostgres } = await import('../../scripts/postgres.mjs')
  const cluster = await startPostgres({ durable: false })
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: `${cluster.uri}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE newsroom')
  await admin.end()
  return { uri: `${cluster.uri}/newsroom`, stop: async () => cluster.stop() }
}

/** On PostgreSQL, the job's row and the sessions and locks on the database, for a failed check. */
async function jobState(uri: string, jobId: string): Promise<string> {
  if (!uri.startsWith('postgres')) return ''
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    const rows = async (query: string, values: unknown[] = []) =>
      JSON.stringify((await client.query(query, values)).rows, null, 1)
    return [
      `now: ${new Date().toISOString()} (${Date.now()})`,
      `job: ${await rows('SELECT * FROM payload_jobs WHERE id = $1', [jobId])}`,
      `sessions: ${await rows('SELECT pid, state, xact_start, wait_event_type, left(query, 200) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')}`,
      `locks waited for: ${await rows('SELECT pid, locktype, relation::regclass, mode FROM pg_locks WHERE NOT granted')}`,
    ].join('\n')
  } finally {
    await client.end()
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

/** One request from a chosen local address (127.0.0.x: a distinct client on loopback). */
function from(
  localAddress: string,
  url: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const { hostname, port, pathname, search } = new URL(url)
  const data = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        method,
        path: pathname + search,
        localAddress,
        agent: false,
        headers: data
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
          : {},
      },
      (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

async function main(): Promise<void> {
  const [portA, portB, portVarnish, portRedis] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  const db = await database()
  const databaseUri = db.uri
  console.log(`database: ${databaseUri.replace(/:\/\/[^@]*@/, '://')}`)
  const services: { stop: () => Promise<void> }[] = [db]
  const instances: Record<'A' | 'B', RunningServer | undefined> = { A: undefined, B: undefined }
  let redis: Service = await startRedis(portRedis)
  const varnish = await startVarnish(path.join(tmp, 'varnish'), portVarnish, [portA, portB])
  services.push(varnish)
  const front = `http://127.0.0.1:${portVarnish}`
  const env = (port: number, extra: Record<string, string> = {}) => ({
    DATABASE_URI: databaseUri,
    MEDIA_DIR: path.join(tmp, 'media'), // the shared media volume
    PAYLOAD_SECRET: secret,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    PUBLIC_URL: 'https://news.example',
    PORT: String(port),
    REDIS_URL: `redis://127.0.0.1:${portRedis}`,
    VARNISH_PURGE_URLS: `${front}/`,
    // Varnish (on 127.0.0.1) is the one proxy whose X-Forwarded-For counts.
    TRUST_PROXY: '127.0.0.1',
    JOBS_CRON: '* * * * * *',
    JOBS_LEASE_SECONDS: '3',
    SCHEDULE_MIN_LEAD_SECONDS: '1',
    ...extra,
  })
  // B never runs jobs: the job checks below know which process ran what.
  const envA = (extra: Record<string, string> = {}) => env(portA, extra)
  const envB = () => env(portB, { JOBS: 'off' })

  try {
    await check(
      'two cold starts on an empty database: both serve, migrations ran once',
      async () => {
        const [a, b] = await Promise.all([startServer(envA()), startServer(envB())])
        instances.A = a
        instances.B = b
        const by = (pattern: RegExp) => [a, b].filter((s) => pattern.test(s.output())).length
        const migrated = by(/Applied \d+ database migrations?/)
        assert(migrated === 1, `migrations applied by ${migrated} instances`)
        const seeded = by(/First start: imported/)
        assert(seeded === 1, `the seed imported by ${seeded} instances`)
        const admins = by(/Created the first admin/)
        assert(admins === 1, `the first admin created by ${admins} instances`)
        for (const s of [a, b]) {
          const health = await request(`${s.base}/healthz`)
          assert(health.status === 200, `${s.base}/healthz ${health.status}`)
        }
      },
    )
    const A = () => instances.A!
    const B = () => instances.B!
    if (!instances.A || !instances.B) throw new Error('the cluster did not start')

    const login = async (base: string) => {
      const res = await request(`${base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      })
      assert(res.status === 200, `login ${res.status} ${res.text}`)
      return res.json.token as string
    }
    const token = await login(A().base)
    const auth = { authorization: `JWT ${token}`, 'content-type': 'application/json' }
    const write = async (base: string, method: string, p: string, body: unknown) => {
      const res = await request(`${base}${p}`, {
        method,
        headers: auth,
        body: JSON.stringify(body),
      })
      assert(res.status < 300, `${method} ${p} → ${res.status} ${res.text.slice(0, 300)}`)
      return res.json
    }
    // Varnish takes an instance once its probe saw it healthy.
    const viaVarnish = async () => {
      for (let i = 0; i < 100; i++) {
        if ((await request(`${front}/healthz`)).status === 200) return
        await sleep(200)
      }
      throw new Error(`Varnish has no healthy instance:\n${varnish.output().slice(-2000)}`)
    }
    await viaVarnish()

    const created = await write(A().base, 'POST', '/api/articles?locale=en', {
      title: 'Cluster article 0',
      _status: 'published',
    })
    const id: string = created.doc.id
    const articlePath = `/api/articles/${id}?locale=en&depth=1`
    const titleOf = (r: Reply) =>
      r.status === 200 ? (r.json?.title as string) : `HTTP ${r.status}`

    await check('uploads written on A are served by B (shared media folder)', async () => {
      const { default: sharp } = await import('sharp')
      const bytes = await sharp({
        create: { width: 64, height: 48, channels: 3, background: '#3a6ea5' },
      })
        .png()
        .toBuffer()
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'cluster.png')
      form.append('_payload', JSON.stringify({ alt: 'Cluster upload' }))
      const upload = await request(`${A().base}/api/images?locale=en`, {
        method: 'POST',
        headers: { authorization: `JWT ${token}` },
        body: form,
      })
      assert(upload.status === 201, `upload ${upload.status} ${upload.text.slice(0, 200)}`)
      const file = await fetch(`${B().base}${new URL(upload.json.doc.url, 'http://x').pathname}`, {
        headers: { authorization: `JWT ${token}` },
      })
      const served = Buffer.from(await file.arrayBuffer())
      assert(file.status === 200 && served.equals(bytes), `B served ${file.status}`)
    })

    await check(
      'publish on A → the new text through Varnish and from B within 1 s, 50 times',
      async () => {
        const delays: number[] = []
        const late: string[] = []
        for (let i = 1; i <= 50; i++) {
          // Both caches hold the previous text before each publish.
          for (let k = 0; k < 2; k++) {
            await request(`${front}${articlePath}`)
            await request(`${B().base}${articlePath}`)
          }
          const title = `Cluster article ${i}`
          await write(A().base, 'PATCH', `/api/articles/${id}?locale=en`, {
            title,
            _status: 'published',
          })
          const acknowledged = performance.now()
          const seen = { varnish: false, b: false }
          while (!(seen.varnish && seen.b) && performance.now() - acknowledged < 1000) {
            const [v, b] = await Promise.all([
              seen.varnish || request(`${front}${articlePath}`),
              seen.b || request(`${B().base}${articlePath}`),
            ])
            if (v !== true && titleOf(v) === title) seen.varnish = true
            if (b !== true && titleOf(b) === title) seen.b = true
            if (!(seen.varnish && seen.b)) await sleep(5)
          }
          delays.push(performance.now() - acknowledged)
          if (!(seen.varnish && seen.b)) late.push(`#${i} (${JSON.stringify(seen)})`)
        }
        console.log(
          `    publish-to-visible (Varnish and B): p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${percentile(delays, 99).toFixed(1)} ms, max ${Math.max(...delays).toFixed(1)} ms`,
        )
        assert(!late.length, `not visible within 1 s: ${late.join(', ')}`)
        // A purge of the last publish may still arrive (its retry, the other instance's bus): the
        // object must be cached again within a few reads, not on the very next one.
        let cached: string | null = null
        for (let i = 0; i < 20 && cached !== 'HIT'; i++) {
          const again = await request(`${front}${articlePath}`)
          assert(titleOf(again) === 'Cluster article 50', `stale title: ${titleOf(again)}`)
          cached = again.headers.get('x-varnish-cache')
          if (cached !== 'HIT') await sleep(50)
        }
        assert(cached === 'HIT', `Varnish does not cache the article: ${cached}`)
      },
    )

    await check(
      'login limits: counted across instances; two clients behind Varnish apart',
      async () => {
        const wrong = (email: string) => ({ email, password: 'not-the-password' })
        // 5 failures per account and client: alternate instances; the 6th is refused on either.
        const statuses: number[] = []
        for (let i = 0; i < 6; i++) {
          const base = i % 2 ? B().base : A().base
          statuses.push(
            (await from('127.0.0.1', `${base}/api/users/login`, 'POST', wrong('pair@example.com')))
              .status,
          )
        }
        assert(
          statuses.slice(0, 5).every((s) => s === 401) && statuses[5] === 429,
          `across instances: ${statuses.join(' ')}`,
        )
        // Through Varnish: one client (127.0.0.2) reaches the limit, another (127.0.0.3) does not.
        const client2: number[] = []
        for (let i = 0; i < 6; i++)
          client2.push(
            (
              await from(
                '127.0.0.2',
                `${front}/api/users/login`,
                'POST',
                wrong('behind@example.com'),
              )
            ).status,
          )
        assert(client2[5] === 429, `client 127.0.0.2 through Varnish: ${client2.join(' ')}`)
        const client3 = await from(
          '127.0.0.3',
          `${front}/api/users/login`,
          'POST',
          wrong('behind@example.com'),
        )
        assert(client3.status === 401, `client 127.0.0.3 counted with 127.0.0.2: ${client3.status}`)
      },
    )

    await check(
      'a job whose runner was killed (SIGKILL) is taken over; its change made once',
      async () => {
        // Articles live in English with a German draft: the reference is published in German by
        // hand, the others by a schedule that A takes and holds until it is killed.
        const withGermanDraft = async (title: string) => {
          const doc = (
            await write(A().base, 'POST', '/api/articles?locale=en', {
              title,
              _status: 'published',
            })
          ).doc as { id: string }
          await write(A().base, 'PATCH', `/api/articles/${doc.id}?locale=de&draft=true`, {
            title: `${title} (de)`,
          })
          return doc.id
        }
        const versions = async (parent: string) =>
          (
            await request(
              `${A().base}/api/articles/versions?where[parent][equals]=${parent}&limit=1&depth=0`,
              { headers: auth },
            )
          ).json.totalDocs as number
        const reference = await withGermanDraft('Reference article')
        const referenceBefore = await versions(reference)
        await write(A().base, 'PATCH', `/api/articles/${reference}?locale=de`, {
          _status: 'published',
        })
        const onePublish = (await versions(reference)) - referenceBefore

        // Killed while holding the claim before the change (another runner makes it), and right
        // after the change committed (another runner completes the job without making it again).
        for (const phase of ['before', 'after']) {
          const title = `Scheduled ${phase}`
          const scheduledId = await withGermanDraft(title)
          await A().stop()
          instances.A = await startServer(envA({ NEWSROOM_TEST_JOB_HOLD: `${phase}:60000` }))
          const before = await versions(scheduledId)
          const scheduled = await write(A().base, 'POST', `/api/articles/${scheduledId}/schedule`, {
            type: 'publish',
            locale: 'de',
            at: new Date(Date.now() + 1500).toISOString(),
          })
          for (let i = 0; i < 100 && !A().output().includes(`holding ${phase}`); i++)
            await sleep(100)
          assert(A().output().includes(`holding ${phase}`), `${phase}: A did not take the job`)
          const deTitle = async () =>
            titleOf(await request(`${B().base}/api/articles/${scheduledId}?locale=de`))
          const live = (await deTitle()) === `${title} (de)`
          assert(live === (phase === 'after'), `${phase}: German live when killed: ${live}`)
          await instances.A.kill('SIGKILL')
          // Another runner (A started again, without the hold) takes the job over after the lease.
          instances.A = await startServer(envA())
          const pending = async () =>
            (
              await request(`${A().base}/api/articles/${scheduledId}/schedule`, { headers: auth })
            ).json.docs.some((d: { id: string }) => d.id === scheduled.schedule.id) as boolean
          // The schedule list leaves out a job while a runner has it: wait for the change as well.
          const done = async () => !(await pending()) && (await deTitle()) === `${title} (de)`
          for (let i = 0; i < 300 && !(await done()); i++) await sleep(100)
          assert(
            !(await pending()),
            `${phase}: the job was not completed by the second runner:\n${A().output().slice(-1500)}\n${await jobState(databaseUri, scheduled.schedule.id)}`,
          )
          if ((await deTitle()) !== `${title} (de)`) {
            // Which side is behind: B's cache, or the stored document (and the job's row)?
            const fromB = await request(`${B().base}/api/articles/${scheduledId}?locale=de`)
            const fromA = await request(`${A().base}/api/articles/${scheduledId}?locale=de`, {
              headers: auth,
            })
            assert(
              false,
              `${phase}: German not live after all: B (x-cache ${fromB.headers.get('x-cache')}) reads "${titleOf(fromB)}", A as the editor "${titleOf(fromA)}" (${fromA.json?._status})\n${await jobState(databaseUri, scheduled.schedule.id)}\n${A().output().slice(-1500)}`,
            )
          }
          const made = (await versions(scheduledId)) - before
          assert(
            made === onePublish,
            `${phase}: the scheduled publish made ${made} versions; one German publish makes ${onePublish}`,
          )
        }
      },
    )
    await viaVarnish()

    await check(
      'rolling restart under read and write load through Varnish: 0 failed requests, every save read back',
      async () => {
        let running = true
        const failures: string[] = []
        let reads = 0
        const saved: { id: string; title: string }[] = []
        const reader = async () => {
          const targets = [
            articlePath,
            '/api/articles?limit=5&locale=en',
            `/api/globals/consent?locale=de`,
          ]
          while (running) {
            const target = targets[reads++ % targets.length]!
            try {
              const res = await fetch(`${front}${target}`)
              await res.arrayBuffer()
              if (res.status !== 200) failures.push(`GET ${target}: ${res.status}`)
            } catch (error) {
              failures.push(`GET ${target}: ${(error as Error).message}`)
            }
          }
        }
        const writer = async (n: number) => {
          for (let i = 0; running; i++) {
            const title = `Rolling ${n}-${i}`
            try {
              const res = await fetch(`${front}/api/articles?locale=en`, {
                method: 'POST',
                headers: auth,
                body: JSON.stringify({ title, _status: 'published' }),
              })
              const body = (await res.json().catch(() => ({}))) as { doc?: { id: string } }
              if (res.status === 201 && body.doc) saved.push({ id: body.doc.id, title })
              else failures.push(`POST: ${res.status}`)
            } catch (error) {
              failures.push(`POST: ${(error as Error).message}`)
            }
            await sleep(50)
          }
        }
        const load = [...Array.from({ length: 6 }, reader), writer(1), writer(2)]
        await sleep(1000)
        await A().stop()
        instances.A = await startServer(envA())
        await sleep(2500) // Varnish's probe sees A healthy again
        await B().stop()
        instances.B = await startServer(envB())
        await sleep(2500)
        running = false
        await Promise.all(load)
        console.log(`    ${reads} reads and ${saved.length} saves during the restarts`)
        assert(!failures.length, `${failures.length} failed: ${failures.slice(0, 5).join('; ')}`)
        const missing: string[] = []
        for (const { id: savedId, title } of saved) {
          const back = await request(`${B().base}/api/articles/${savedId}?locale=en`)
          if (titleOf(back) !== title) missing.push(`${savedId}: ${titleOf(back)}`)
        }
        assert(!missing.length, `saves not read back: ${missing.slice(0, 5).join('; ')}`)
      },
    )

    await check(
      'Redis stopped and started: both serve, nothing stale meanwhile, purges resume',
      async () => {
        await redis.stop()
        const failures: string[] = []
        const publishAndRead = async (title: string) => {
          await write(A().base, 'PATCH', `/api/articles/${id}?locale=en`, {
            title,
            _status: 'published',
          })
          for (const base of [B().base, front, A().base]) {
            let text = ''
            for (let i = 0; i < 100; i++) {
              text = titleOf(await request(`${base}${articlePath}`))
              if (text === title) break
              await sleep(10)
            }
            if (text !== title) failures.push(`${base}: ${text} instead of ${title}`)
          }
        }
        await sleep(500)
        for (let i = 0; i < 3; i++) await publishAndRead(`Without Redis ${i}`)
        redis = await startRedis(portRedis)
        // Back on: B's own cache answers again.
        let xCache = ''
        for (let i = 0; i < 100 && xCache !== 'HIT'; i++) {
          await sleep(100)
          xCache = (await request(`${B().base}${articlePath}`)).headers.get('x-cache') ?? ''
        }
        if (xCache !== 'HIT') failures.push(`B's cache did not come back: ${xCache}`)
        for (let i = 0; i < 3; i++) await publishAndRead(`With Redis again ${i}`)
        assert(!failures.length, failures.join('; '))
      },
    )

    await check(
      'the cache-poisoning suite through Varnish: nothing private stored or served',
      async () => {
        const child = spawn(
          tsx,
          [path.join(root, 'tests', 'security', 'cache-poisoning.server.ts')],
          {
            cwd: root,
            env: {
              ...process.env,
              NODE_OPTIONS: '--conditions=production',
              POISONING_BASE: front,
              POISONING_ADMIN: `${admin.email}:${admin.password}`,
            },
          },
        )
        let output = ''
        child.stdout.on('data', (d: Buffer) => (output += d))
        child.stderr.on('data', (d: Buffer) => (output += d))
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
        for (const line of output.trim().split('\n')) console.log(`    ${line}`)
        assert(code === 0, `the suite failed (exit ${code})`)
      },
    )
  } finally {
    await Promise.allSettled([instances.A?.stop(), instances.B?.stop()])
    await Promise.allSettled([...services.map((s) => s.stop()), redis.stop()])
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(summary()),
  (error: Error) => {
    console.error(error)
    process.exit(1)
  },
)
