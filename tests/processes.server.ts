/**
 * `WEB_CONCURRENCY=2` on the built server (src/server/cluster.ts): two worker processes behind one
 * port on one SQLite file. Checks: the workers run with the server's Node flags; one start message
 * and one job runner; the primary holds no Payload; keep-alive connections are spread evenly over
 * the workers; a publish made through one worker is read from every connection at once, cache on;
 * login limits are counted across the workers; a killed worker is replaced; SIGTERM finishes a
 * request in flight and stops everything with exit 0; a worker that cannot start stops the server;
 * settings that cannot work are refused.
 * Run by `npm run test:server`.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { assert, checks, root, serverArgs, sleep, startServer } from './helpers/server'
import { serverEnv } from './helpers/serverEnv'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-processes-'))
const { check, summary } = checks()
const ADMIN = { email: 'processes-admin@example.com', password: 'processes-password-123' }

const childrenOf = (pid: number) =>
  fs
    .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(Number)
const rssMB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

/** Established TCP connections on `port` held by each process (from /proc, no tools needed). */
function connectionsByProcess(pids: number[], port: number): number[] {
  const established = new Set<string>()
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (f.length > 9 && f[3] === '01' && parseInt(f[1]!.split(':')[1]!, 16) === port)
        established.add(f[9]!)
    }
  }
  return pids.map((pid) => {
    let n = 0
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' }) as string
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1]
      if (inode && established.has(inode)) n++
    }
    return n
  })
}

/** A GET on its own keep-alive connection (`agent`), or on a fresh one. */
function get(url: string, agent: http.Agent | false, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      http
        .get(url, { agent, headers }, (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (d) => (body += d))
          res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }))
        })
        .on('error', reject)
        .setTimeout(30_000, function (this: http.ClientRequest) {
          this.destroy(new Error(`no answer within 30 s: ${url}`))
        })
    },
  )
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close', ...headers },
    body: JSON.stringify(body),
  })
}

async function main() {
  await check('settings that cannot work are refused before anything starts', () => {
    for (const [env, expected] of [
      [{ WEB_CONCURRENCY: 'two' }, /WEB_CONCURRENCY must be a whole number from 1 to 64/],
      [
        { WEB_CONCURRENCY: '2', DATABASE_URI: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: '' },
        /needs REDIS_URL/,
      ],
      [{ WEB_CONCURRENCY: '2', DATABASE_URI: 'file::memory:' }, /in-memory SQLite/],
    ] as const) {
      const run = spawnSync(process.execPath, serverArgs, {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(64), ...env },
        encoding: 'utf8',
        timeout: 30_000,
      })
      assert(run.status === 1, `exit ${run.status} for ${JSON.stringify(env)}`)
      assert(expected.test(run.stderr), `message for ${JSON.stringify(env)}: ${run.stderr}`)
    }
  })

  await check('a worker that cannot start stops the server (exit 1, no process left)', () => {
    const run = spawnSync(process.execPath, serverArgs, {
      cwd: root,
      env: {
        ...process.env,
        ...serverEnv(path.join(tmp, 'weak.db'), path.join(tmp, 'weak-media'), ADMIN),
        NODE_ENV: 'production',
        PAYLOAD_SECRET: 'secret', // each worker refuses a weak secret
        WEB_CONCURRENCY: '2',
        PORT: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert(run.status === 1, `exit ${run.status}: ${run.stdout}${run.stderr}`)
    assert(/Refusing to start in production/.test(run.stderr), run.stderr)
  })

  const server = await startServer(
    serverEnv(path.join(tmp, 'app.db'), path.join(tmp, 'media'), ADMIN, {
      WEB_CONCURRENCY: '2',
      REDIS_URL: '',
      JOBS_CRON: '* * * * * *',
    }),
  )
  const url = (p: string) => `${server.base}${p}`
  const primary = server.child.pid!
  try {
    await check(
      "two workers with the server's Node flags; one start message, one job runner; the primary holds no Payload",
      async () => {
        await sleep(1500) // both workers have started
        const workers = childrenOf(primary)
        assert(workers.length === 2, `workers: ${workers.join(', ')}`)
        const out = server.output()
        assert(out.match(/Newsroom CMS ready/g)?.length === 1, out)
        assert(out.match(/Job runner started/g)?.length === 1, out)
        // The workers run with the server's Node flags (heap limit, no pretenuring) too.
        const flags = serverArgs.filter((arg) => arg.startsWith('--'))
        for (const pid of workers) {
          const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
          assert(
            flags.every((flag) => argv.includes(flag)),
            `worker ${pid}: ${argv.join(' ')}`,
          )
        }
        const [p, w] = [rssMB(primary), Math.min(...workers.map(rssMB))]
        assert(p < 100 && p < w / 2, `RSS primary ${p.toFixed(0)} MB, a worker ${w.toFixed(0)} MB`)
        const health = await get(url('/healthz'), false)
        assert(health.status === 200 && JSON.parse(health.body).payload.inits === 1, health.body)
      },
    )

    const list = await get(url('/api/articles?locale=de&limit=1&depth=0'), false)
    const article = JSON.parse(list.body).docs[0] as { id: string }

    await check('20 keep-alive connections are spread evenly over the workers', async () => {
      const agents = Array.from(
        { length: 20 },
        () => new http.Agent({ keepAlive: true, maxSockets: 1 }),
      )
      await Promise.all(agents.map((agent) => get(url('/healthz'), agent)))
      const spread = connectionsByProcess(childrenOf(primary), server.port)
      agents.forEach((agent) => agent.destroy())
      // Even, give or take a connection whose close the primary has not heard of yet.
      assert(
        spread.length === 2 &&
          Math.abs(spread[0]! - spread[1]!) <= 2 &&
          spread[0]! + spread[1]! === 20,
        `connections per worker: ${spread.join(', ')}`,
      )
    })

    await check(
      'a publish made through one worker is read from every connection (cache on)',
      async () => {
        const read = `/api/articles/${article.id}?locale=de&depth=0`
        const agents = Array.from(
          { length: 4 },
          () => new http.Agent({ keepAlive: true, maxSockets: 1 }),
        )
        for (const agent of agents) {
          await get(url(read), agent)
          const again = await get(url(read), agent)
          assert(
            again.headers['x-cache'] === 'HIT',
            `warm read: x-cache ${again.headers['x-cache']}`,
          )
        }
        const spread = connectionsByProcess(childrenOf(primary), server.port)
        assert(
          spread.length === 2 && spread.every((n) => n >= 1),
          `connections per worker: ${spread.join(', ')}`,
        )
        const login = await post(url('/api/users/login'), ADMIN)
        const { token } = (await login.json()) as { token: string }
        const title = `Neu aus einem Prozess ${Date.now()}`
        const saved = await fetch(url(`/api/articles/${article.id}?locale=de&depth=0`), {
          method: 'PATCH',
          headers: {
            'content-type': 'application/json',
            authorization: `JWT ${token}`,
            connection: 'close',
          },
          body: JSON.stringify({ title, _status: 'published' }),
        })
        assert(saved.status === 200, `publish ${saved.status}: ${await saved.text()}`)
        for (const agent of agents) {
          const after = await get(url(read), agent)
          assert(
            JSON.parse(after.body).title === title,
            `stale on a connection: ${after.body.slice(0, 200)}`,
          )
        }
        agents.forEach((agent) => agent.destroy())
      },
    )

    await check(
      'login limits are counted across the workers (the 6th wrong password: 429)',
      async () => {
        const statuses: number[] = []
        for (let i = 0; i < 6; i++) {
          // a connection of its own each time: the workers take turns
          const res = await post(url('/api/users/login'), {
            email: ADMIN.email,
            password: `wrong-${i}`,
          })
          statuses.push(res.status)
          await res.arrayBuffer()
        }
        assert(
          statuses.slice(0, 5).every((s) => s === 401) && statuses[5] === 429,
          `statuses: ${statuses.join(' ')}`,
        )
      },
    )

    await check('a killed worker is replaced; the server answers meanwhile', async () => {
      const [first] = childrenOf(primary)
      process.kill(first!, 'SIGKILL')
      for (let i = 0; i < 5; i++) {
        const health = await get(url('/healthz'), false)
        assert(health.status === 200, `health ${health.status}`)
      }
      const deadline = Date.now() + 60_000
      while (Date.now() < deadline) {
        const workers = childrenOf(primary)
        if (workers.length === 2 && !workers.includes(first!)) break
        await sleep(250)
      }
      const workers = childrenOf(primary)
      assert(workers.length === 2 && !workers.includes(first!), `workers: ${workers.join(', ')}`)
      assert(
        /Worker \d stopped \(SIGKILL\); starting another/.test(server.output()),
        server.output(),
      )
    })

    await check(
      'SIGTERM: a request in flight is answered, then exit 0 and no process left',
      async () => {
        const workers = childrenOf(primary)
        const inFlight = get(url('/api/articles?locale=de&limit=33&depth=2'), false)
        await sleep(20)
        const exited = new Promise<number | null>((r) => server.child.once('exit', r))
        server.child.kill('SIGTERM')
        const answer = await inFlight
        assert(answer.status === 200, `in flight: ${answer.status}`)
        const code = await Promise.race([exited, sleep(20_000).then(() => 'timeout')])
        assert(code === 0, `exit ${code}`)
        const left = workers.filter((pid) => fs.existsSync(`/proc/${pid}`))
        assert(left.length === 0, `left: ${left.join(', ')}`)
      },
    )
  } finally {
    await server.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  process.exit(summary())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
