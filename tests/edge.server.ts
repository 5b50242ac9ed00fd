/**
 * The edges of the real server (dist/server.js on the built app): what `npm start` prints, the
 * favicon, no X-Powered-By, absolute-form request targets, and origins. A local run (no NODE_ENV,
 * as `npm start` on a developer machine) with `PUBLIC_URL=http://127.0.0.1:PORT` prints that address
 * and accepts the admin from both loopback names; a deployment (NODE_ENV=production) answers a
 * login from another origin with a 403 that says where the site is; a full admission queue answers
 * 503 with Retry-After. Run by `npm run test:server`.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import {
  assert,
  checks,
  freePort,
  request,
  root,
  serverArgs,
  sleep,
  stopChild,
} from './helpers/server'
import { serverEnv } from './helpers/serverEnv'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-edge-'))
const { check, summary } = checks()
const ADMIN = { email: 'edge-admin@example.com', password: 'edge-password-123' }

type Running = { base: string; port: number; output: () => string; stop: () => Promise<void> }

/** The compiled server with `env` (NODE_ENV as given: absent is a local run), ready. */
async function start(name: string, env: Record<string, string>): Promise<Running> {
  const port = await freePort()
  const childEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...serverEnv(path.join(tmp, `${name}.db`), path.join(tmp, `${name}-media`), ADMIN),
    JOBS: 'off',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  }
  let output = ''
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: childEnv as NodeJS.ProcessEnv,
  })
  child.stdout.on('data', (d: Buffer) => (output += d))
  child.stderr.on('data', (d: Buffer) => (output += d))
  const started = Date.now()
  while (!output.includes('Newsroom CMS ready')) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    if (Date.now() - started > 180_000) {
      child.kill('SIGKILL')
      throw new Error(`server not ready:\n${output}`)
    }
    await sleep(200)
  }
  await sleep(300) // the reader-page line follows the ready line
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: () => stopChild(child),
  }
}

async function login(base: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  const body = (await res.json()) as { token?: string }
  assert(res.status === 200 && body.token, `login ${res.status}`)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('payload-token='))
  assert(cookie, 'no payload-token cookie')
  return { cookie: cookie.split(';')[0], token: body.token }
}

/** A raw HTTP/1.1 request (for request targets fetch cannot send). */
const raw = (port: number, head: string) =>
  new Promise<string>((resolve, reject) => {
    let out = ''
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head))
    socket.on('data', (d) => (out += d))
    socket.on('end', () => resolve(out))
    socket.on('error', reject)
  })

async function main() {
  console.log('Edge checks (dist/server.js on the built app)')
  const local = await start('local', {}) // no NODE_ENV: a local `npm start`
  try {
    const { base, port } = local
    let slug = ''

    await check('start-up output: only the lines a user needs, no colour codes', async () => {
      const lines = local.output().trim().split('\n')
      const expected = [
        /^\[\d\d:\d\d:\d\d\] INFO \(payload\): Applied \d+ database migrations\.$/,
        /^\[\d\d:\d\d:\d\d\] INFO \(payload\): Email: no SMTP_URL or SMTP_HOST set, so mails are logged, not sent\.$/,
        /^\[\d\d:\d\d:\d\d\] INFO \(payload\): Created the first admin edge-admin@example\.com from ADMIN_EMAIL\.$/,
        /^\[\d\d:\d\d:\d\d\] INFO \(payload\): First start: imported .*seed\/documents: /,
        new RegExp(
          `^Newsroom CMS ready \\(production, sqlite\\): http://127\\.0\\.0\\.1:${port}/admin$`,
        ),
        new RegExp(
          `^Reader page of the newest article: http://127\\.0\\.0\\.1:${port}/(en|de)/articles/[^/]+$`,
        ),
      ]
      assert(!/\x1b\[/.test(local.output()), `ANSI codes in: ${JSON.stringify(local.output())}`)
      const unexpected = lines.filter((line) => !expected.some((re) => re.test(line)))
      assert(unexpected.length === 0, `unexpected lines:\n${unexpected.join('\n')}`)
      assert(
        expected.every((re) => lines.some((line) => re.test(line))),
        `missing lines in:\n${lines.join('\n')}`,
      )
    })

    await check('the printed reader page is published in its locale (200, not 404)', async () => {
      const line = local.output().match(/Reader page of the newest article: (\S+)/)
      assert(line, 'no reader-page line')
      const url = new URL(line[1])
      const res = await request(`${base}${url.pathname}`)
      assert(res.status === 200, `${url.pathname} → ${res.status}`)
      slug = url.pathname.split('/').pop()!
      // The article's own language is the printed one: it has a page in that locale.
      const api = await request(
        `${base}/api/articles?where[slug][equals]=${slug}&locale=${url.pathname.split('/')[1]}&fallback-locale=none&depth=0`,
      )
      assert(api.json?.docs?.[0]?.title, `no title in ${url.pathname.split('/')[1]}`)
    })

    await check(
      'HEAD answers as GET without the body: the same cache headers, and 304s',
      async () => {
        for (const p of [
          '/api/articles?locale=en&depth=0',
          `/en/articles/${slug}`,
          '/en/feed.xml',
        ]) {
          const get = await fetch(`${base}${p}`)
          await get.arrayBuffer()
          const head = await fetch(`${base}${p}`, { method: 'HEAD' })
          assert(head.status === 200, `${p}: HEAD ${head.status}`)
          assert((await head.text()) === '', `${p}: HEAD sent a body`)
          for (const name of ['cache-control', 'etag', 'content-type'])
            assert(
              head.headers.get(name) === get.headers.get(name),
              `${p}: ${name} ${head.headers.get(name)} vs GET ${get.headers.get(name)}`,
            )
          const etag = get.headers.get('etag')!
          const again = await fetch(`${base}${p}`, {
            method: 'HEAD',
            headers: { 'if-none-match': etag },
          })
          assert(again.status === 304, `${p}: HEAD If-None-Match ${again.status}`)
        }
      },
    )

    await check('the colour-scheme client hint is asked on the admin only', async () => {
      for (const p of [`/en/articles/${slug}`, '/en/feed.xml', '/sitemap.xml', '/api/articles']) {
        const res = await fetch(`${base}${p}`)
        await res.arrayBuffer()
        for (const name of ['accept-ch', 'critical-ch'])
          assert(!res.headers.has(name), `${p}: ${name} ${res.headers.get(name)}`)
        assert(
          !/Sec-CH/i.test(res.headers.get('vary') ?? ''),
          `${p}: Vary ${res.headers.get('vary')}`,
        )
      }
      const admin = await fetch(`${base}/admin/login`)
      await admin.arrayBuffer()
      assert(
        admin.headers.get('accept-ch') === 'Sec-CH-Prefers-Color-Scheme',
        'admin: no Accept-CH',
      )
    })

    await check('GET /favicon.ico → 200 image', async () => {
      const res = await request(`${base}/favicon.ico`)
      assert(res.status === 200, `status ${res.status}`)
      assert(
        /image\//.test(res.headers.get('content-type') ?? ''),
        res.headers.get('content-type')!,
      )
    })

    await check('no X-Powered-By on the admin, the API, reader pages and files', async () => {
      for (const p of ['/admin/login', '/api/articles', `/en/articles/${slug}`, '/favicon.ico']) {
        const res = await fetch(`${base}${p}`)
        await res.arrayBuffer()
        assert(
          !res.headers.has('x-powered-by'),
          `${p}: X-Powered-By ${res.headers.get('x-powered-by')}`,
        )
      }
    })

    await check('an absolute-form request target for another host is answered 421', async () => {
      const page = await raw(
        port,
        `GET http://evil.example/en/articles/${slug} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      )
      assert(/^HTTP\/1.1 421/.test(page), page.slice(0, 200))
      assert(!page.includes('evil.example'), 'evil.example in the answer')
      const ours = await raw(
        port,
        `GET ${base}/en/articles/${slug} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      )
      assert(/^HTTP\/1.1 200/.test(ours), ours.slice(0, 200))
      assert(!ours.includes('evil.example'), 'evil.example in the page')
    })

    await check(
      'a local run: the admin works from both loopback names (cookie writes)',
      async () => {
        const { cookie } = await login(base)
        for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
          const res = await request(`http://${new URL(origin).host}/api/articles?locale=en`, {
            method: 'POST',
            headers: { cookie, origin, 'content-type': 'application/json' },
            body: JSON.stringify({ title: `Saved from ${origin}`, summary: 'Lead.' }),
          })
          assert(res.status === 201, `${origin}: ${res.status} ${res.text.slice(0, 200)}`)
        }
      },
    )

    await check('a browser leaving mid-response logs nothing', async () => {
      const before = local.output().length
      for (const p of ['/admin/login', `/en/articles/${slug}`, '/api/articles?limit=33&depth=2']) {
        for (let i = 0; i < 3; i++) {
          const controller = new AbortController()
          const res = await fetch(`${base}${p}`, { signal: controller.signal })
          const reader = res.body!.getReader()
          await reader.read()
          controller.abort()
        }
      }
      await sleep(1000)
      const logged = local.output().slice(before)
      assert(logged.trim() === '', `logged: ${logged}`)
    })
  } finally {
    await local.stop()
  }

  const deployed = await start('deployed', { NODE_ENV: 'production' })
  try {
    const { base, port } = deployed
    const { cookie } = await login(base)
    const words = `This page was opened at http://localhost:${port}, but the site's address is http://127.0.0.1:${port} (PUBLIC_URL); a login counts only there. Open http://127.0.0.1:${port}/admin.`

    await check('a deployment: an API write from another origin → 403 that says so', async () => {
      const res = await request(`${base}/api/articles?locale=en`, {
        method: 'POST',
        headers: {
          cookie,
          origin: `http://localhost:${port}`,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ title: 'Wrong origin', summary: 'Lead.' }),
      })
      assert(
        res.status === 403 && res.json?.errors?.[0]?.message === words,
        `${res.status} ${res.text}`,
      )
      const own = await request(`${base}/api/articles?locale=en`, {
        method: 'POST',
        headers: { cookie, origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Right origin', summary: 'Lead.' }),
      })
      assert(own.status === 201, `own origin: ${own.status}`)
    })

    await check('a deployment: a server function from another origin → 403 in words', async () => {
      const res = await request(`${base}/admin`, {
        method: 'POST',
        headers: {
          cookie,
          origin: `http://localhost:${port}`,
          'sec-fetch-site': 'same-origin',
          'next-action': '0000000000000000000000000000000000000000',
          'content-type': 'text/plain;charset=UTF-8',
        },
        body: '[]',
      })
      assert(res.status === 403 && res.text === words, `${res.status} ${res.text.slice(0, 200)}`)
    })

    // The build's server functions: the admin's `serverFunction` and Payload's language switch.
    const manifest = JSON.parse(
      fs.readFileSync(path.join(root, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
    ) as { node: Record<string, unknown> }
    const actionIds = Object.keys(manifest.node)
    const action = (id: string, body: string, headers: Record<string, string> = {}) =>
      request(`${base}/admin`, {
        method: 'POST',
        headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', ...headers },
        body,
      })

    await check('server functions: an anonymous caller → 401, an unknown id → 404', async () => {
      assert(actionIds.length > 0, 'no server functions in the manifest')
      for (const id of actionIds) {
        const bodies = [
          '[]',
          '{"a":',
          '[{"name":"render-list","args":{"collectionSlug":"articles"}}]',
        ]
        for (const body of bodies) {
          const res = await action(id, body)
          assert(res.status === 401, `${id} ${body}: ${res.status} ${res.text.slice(0, 200)}`)
        }
      }
      const unknown = await action('00'.repeat(21), '[]', { cookie })
      assert(unknown.status === 404, `unknown id: ${unknown.status}`)
    })

    await check('server functions: bad input from an admin → 4xx; a real call → 200', async () => {
      const bad = [
        '{"a":',
        '[]',
        '["$@0"]',
        '[{"name":"no-such-function","args":null}]',
        '[{"name":"render-list","args":{"collectionSlug":{"a":1}}}]',
        '[{"name":"render-document","args":{"collectionSlug":"articles","docID":"%ZZ"}}]',
        '[' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + ']',
      ]
      const headers = { cookie, origin: base }
      for (const id of actionIds)
        for (const body of bad) {
          const res = await action(id, body, headers)
          assert(res.status >= 400 && res.status < 500, `${id} ${body.slice(0, 60)}: ${res.status}`)
        }
      const statuses = await Promise.all(
        actionIds.map(async (id) => {
          const res = await action(
            id,
            '[{"name":"render-list","args":{"collectionSlug":"articles"}}]',
            headers,
          )
          return res.status
        }),
      )
      assert(statuses.includes(200), `render-list: ${statuses.join(', ')}`)
      const unknown = await Promise.all(
        actionIds.map(async (id) => (await action(id, '[{"name":"nope"}]', headers)).status),
      )
      assert(unknown.includes(404), `unknown function name: ${unknown.join(', ')}`)
    })

    await check('a deployment prints its PUBLIC_URL', () => {
      assert(
        deployed.output().includes(`Newsroom CMS ready (production, sqlite): ${base}/admin`),
        deployed.output(),
      )
    })
  } finally {
    await deployed.stop()
  }
  // The admission queue (src/server/admission.ts) at its smallest: one at work, one waiting.
  const busy = await start('busy', {
    NODE_ENV: 'production',
    CACHE: 'off',
    ADMISSION_CONCURRENCY: '1',
    ADMISSION_QUEUE: '1',
  })
  try {
    await check(
      'a full admission queue answers 503 with Retry-After; /healthz is not queued',
      async () => {
        // 12 keep-alive connections, each used once, then 12 uncached reads sent on them at once:
        // the server works on one, queues one and turns the rest away.
        const agent = new http.Agent({ keepAlive: true, maxSockets: 12 })
        const get = (i: number) =>
          new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
            http
              .get(
                `${busy.base}/api/articles?limit=10&depth=2&locale=de&n=${i}`,
                { agent },
                (res) => {
                  res.resume()
                  res.on('end', () =>
                    resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] }),
                  )
                },
              )
              .on('error', reject)
          })
        await Promise.all(Array.from({ length: 12 }, (_, i) => get(i))) // opens the connections
        const [health, ...burst] = await Promise.all([
          request(`${busy.base}/healthz`),
          ...Array.from({ length: 12 }, (_, i) => get(100 + i)),
        ])
        agent.destroy()
        const seen = burst.map((a) => `${a.status} ${a.retryAfter ?? ''}`).join(', ')
        const refused = burst.filter((a) => a.status === 503)
        assert(
          burst.some((a) => a.status === 200),
          seen,
        )
        assert(refused.length > 0, `no 503 among: ${seen}`)
        assert(
          refused.every((a) => a.retryAfter === '1'),
          seen,
        )
        assert(health.status === 200, `/healthz: ${health.status}`)
      },
    )
  } finally {
    await busy.stop()
  }
  fs.rmSync(tmp, { recursive: true, force: true })
  process.exit(summary())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
