/**
 * The Express layer of src/server/serve.ts on a real Express app and real sockets (no Payload): which
 * client address is passed on (TRUST_PROXY), the request body size limit and the origin checks.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, test } from '@jest/globals'
import express from 'express'

import { sendWebResponse } from '../src/server/payloadApi'
import { bodySizeLimit } from '../src/features/limits/bodySizeLimit'
import { clientIp, trustProxySetting } from '../src/server/clientIp'
import { trustedOrigins, wrongOrigin } from '../src/features/limits/csrf'
import { malformedUrl } from '../src/features/limits/malformedUrl'

let server: http.Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

/** An app like src/server/serve.ts's: clientIp first, the body limit, then a handler that shows what it got. */
async function start(trustProxy?: string): Promise<string> {
  const app = express()
  clientIp(app, trustProxy)
  app.use(malformedUrl)
  app.use(bodySizeLimit({ upload: 1000, query: 50, other: 100 }))
  app.use((req, res) => {
    req.resume()
    req.on('end', () =>
      res.json({
        xff: req.headers['x-forwarded-for'] ?? null,
        realIp: req.headers['x-real-ip'] ?? null,
      }),
    )
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

const seen = async (base: string, headers: Record<string, string>) =>
  (await (await fetch(base, { headers })).json()) as { xff: string; realIp: string | null }

describe('client IP', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    [' 2 ', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.1', '10.0.0.0/8, 192.168.1.1'],
  ])('TRUST_PROXY=%j → trust proxy %j', (value, expected) => {
    expect(trustProxySetting(value)).toEqual(expected)
  })

  test('without TRUST_PROXY the socket address replaces whatever the client sent', async () => {
    const base = await start(undefined)
    for (const forged of ['203.0.113.9', '198.51.100.1, 203.0.113.9']) {
      const got = await seen(base, { 'x-forwarded-for': forged, 'x-real-ip': '203.0.113.10' })
      expect(got.xff).toMatch(/^(::ffff:)?127\.0\.0\.1$/)
      expect(got.realIp).toBeNull()
    }
    expect((await seen(base, {})).xff).toMatch(/^(::ffff:)?127\.0\.0\.1$/)
  })

  test('with TRUST_PROXY=1 the address the proxy appended, not what the client wrote before it', async () => {
    const base = await start('1')
    expect((await seen(base, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).xff).toBe(
      '203.0.113.7',
    )
    expect((await seen(base, { 'x-forwarded-for': '203.0.113.7' })).xff).toBe('203.0.113.7')
  })

  test('with TRUST_PROXY=loopback or 2 hops', async () => {
    expect(
      (await seen(await start('loopback'), { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).xff,
    ).toBe('203.0.113.7')
    server!.close()
    expect(
      (await seen(await start('2'), { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).xff,
    ).toBe('198.51.100.1')
  })
})

describe('malformed URL paths', () => {
  test.each(['/api/images/file/%c0%af', '/%e2', '/a%ZZ', '/%'])(
    '%s → 400 with a message',
    async (p) => {
      const res = await fetch(`${await start()}${p}`)
      expect(res.status).toBe(400)
      expect(((await res.json()) as any).errors[0].message).toMatch(/not valid/)
    },
  )
  test('escapes that decode pass', async () => {
    expect((await fetch(`${await start()}/api/images/file/a%20b%C3%A4.png`)).status).toBe(200)
  })
})

describe('request body size limit', () => {
  const post = (base: string, body: string | FormData, headers: Record<string, string> = {}) =>
    fetch(base, { method: 'POST', headers, body })

  test('413 with a message over the limit, through under it', async () => {
    const base = await start()
    const over = await post(base, JSON.stringify({ title: 'x'.repeat(200) }), {
      'content-type': 'application/json',
    })
    expect(over.status).toBe(413)
    expect(((await over.json()) as any).errors[0].message).toMatch(
      /^The request body is too large \(\d+ bytes; at most/,
    )
    const under = await post(base, JSON.stringify({ title: 'x' }), {
      'content-type': 'application/json',
    })
    expect(under.status).toBe(200)
  })

  test('uploads (multipart) have their own, larger limit', async () => {
    const base = await start()
    const form = (size: number) => {
      const f = new FormData()
      f.append('file', new Blob([new Uint8Array(size)]), 'a.png')
      return f
    }
    expect((await post(base, form(500))).status).toBe(200)
    const over = await post(base, form(2000))
    expect(over.status).toBe(413)
    expect(((await over.json()) as any).errors[0].message).toMatch(/^The upload is too large/)
  })

  test('a query sent as a body (method override) has its own, smaller limit', async () => {
    const base = await start()
    for (const header of ['x-payload-http-method-override', 'x-http-method-override']) {
      const over = await post(base, `where[title][like]=${'a'.repeat(60)}`, {
        'content-type': 'application/x-www-form-urlencoded',
        [header]: 'GET',
      })
      expect(over.status).toBe(413)
      expect(((await over.json()) as any).errors[0].message).toMatch(
        /^The query \(method override\) is too large/,
      )
    }
    const under = await post(base, 'where[title][like]=a', {
      'content-type': 'application/x-www-form-urlencoded',
      'x-payload-http-method-override': 'GET',
    })
    expect(under.status).toBe(200)
  })

  test('logins, the other auth routes and consent records: 4 KB; GraphQL without a credential: 64 KB', async () => {
    // The server's own limits (BODY_LIMITS), on a real socket with a Content-Length.
    const app = express()
    app.use(bodySizeLimit())
    app.use((req, res) => {
      req.resume()
      req.on('end', () => res.json({ ok: true }))
    })
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server!.once('listening', resolve))
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
    const json = { 'content-type': 'application/json' }
    const nested = (bytes: number) => '['.repeat(bytes / 2) + ']'.repeat(bytes / 2)
    for (const path of [
      '/api/users/login',
      '/api/users/forgot-password',
      '/api/users/first-register',
      '/api/consent-records',
    ]) {
      const over = await post(`${base}${path}`, nested(2 * 1024 * 1024), json)
      expect([path, over.status]).toEqual([path, 413])
      expect(((await over.json()) as any).errors[0].message).toMatch(
        /^The request body of this route is too large \(\d+ bytes; at most 4 KB\)/,
      )
    }
    const login = JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(200) })
    expect((await post(`${base}/api/users/login`, login, json)).status).toBe(200)
    // An article write keeps the large limit.
    expect((await post(`${base}/api/articles`, nested(100 * 1024), json)).status).toBe(200)

    const document = JSON.stringify({ query: `{ ${'title @skip(if: false) '.repeat(4000)} }` })
    const anonymous = await post(`${base}/api/graphql`, document, json)
    expect(anonymous.status).toBe(413)
    expect(((await anonymous.json()) as any).errors[0].message).toMatch(
      /^The GraphQL request without a credential is too large/,
    )
    const withKey = await post(`${base}/api/graphql`, document, {
      ...json,
      authorization: 'users API-Key x',
    })
    expect(withKey.status).toBe(200)
    const small = JSON.stringify({ query: '{ Articles(locale: en) { docs { title } } }' })
    expect((await post(`${base}/api/graphql`, small, json)).status).toBe(200)
  })

  test('a chunked body without Content-Length is a 411', async () => {
    const base = await start()
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        base,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write('{"a":')
      req.end('1}')
    })
    expect(status).toBe(411)
  })
})

describe('origins: both loopback names locally, a wrong origin said in words', () => {
  const local = {
    PUBLIC_URL: 'http://127.0.0.1:3400',
    NODE_ENV: 'production',
    NEWSROOM_LOCAL_RUN: '1',
  }
  test('a local run with a loopback PUBLIC_URL trusts every loopback name on its port', () => {
    expect(trustedOrigins(local)).toEqual([
      'http://127.0.0.1:3400',
      'http://localhost:3400',
      'http://[::1]:3400',
    ])
    expect(trustedOrigins({ PORT: '3500' })).toEqual([
      'http://localhost:3500',
      'http://127.0.0.1:3500',
      'http://[::1]:3500',
    ])
  })
  test('a deployment trusts only PUBLIC_URL', () => {
    expect(
      trustedOrigins({
        PUBLIC_URL: 'http://127.0.0.1:3400',
        NODE_ENV: 'production',
      }),
    ).toEqual(['http://127.0.0.1:3400'])
    expect(
      trustedOrigins({
        PUBLIC_URL: 'https://news.example',
        NEWSROOM_LOCAL_RUN: '1',
      }),
    ).toEqual(['https://news.example'])
  })

  async function startGuarded(): Promise<string> {
    const env = { PUBLIC_URL: 'http://127.0.0.1:3400', NODE_ENV: 'production' }
    const app = express()
    app.use(
      wrongOrigin({
        origins: trustedOrigins(env),
        cookieName: 'payload-token',
        apiRoute: '/api',
        env,
      }),
    )
    app.use((req, res) => res.json({ passed: true }))
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server!.once('listening', resolve))
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
  }
  // What a browser sends from the admin opened at http://localhost:3400.
  const loggedIn = {
    cookie: 'payload-token=abc',
    origin: 'http://localhost:3400',
    'sec-fetch-site': 'same-origin',
  }

  test('a logged-in API write from another origin → 403 naming the origin and the site', async () => {
    const base = await startGuarded()
    const res = await fetch(`${base}/api/articles`, { method: 'POST', headers: loggedIn })
    expect(res.status).toBe(403)
    expect(((await res.json()) as any).errors[0].message).toBe(
      "This page was opened at http://localhost:3400, but the site's address is http://127.0.0.1:3400 (PUBLIC_URL); a login counts only there. Open http://127.0.0.1:3400/admin.",
    )
  })

  test('a server function (Next-Action) from another origin → 403 in plain text', async () => {
    const base = await startGuarded()
    const res = await fetch(`${base}/admin/collections/articles/1`, {
      method: 'POST',
      headers: { ...loggedIn, 'next-action': 'abc123' },
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toMatch(/^This page was opened at http:\/\/localhost:3400/)
  })

  test('reads, anonymous requests, the site origin and other pages pass unchanged', async () => {
    const base = await startGuarded()
    const cases: [string, RequestInit][] = [
      ['/api/articles', { headers: loggedIn }],
      ['/api/articles', { method: 'POST', headers: { origin: loggedIn.origin } }],
      [
        '/api/articles',
        { method: 'POST', headers: { ...loggedIn, origin: 'http://127.0.0.1:3400' } },
      ],
      ['/api/articles', { method: 'POST', headers: { cookie: loggedIn.cookie } }],
      ['/en/consent', { method: 'POST', headers: loggedIn }],
      // a front end on another origin (cross-site or same-site) is not this server's page
      [
        '/api/consent-records',
        { method: 'POST', headers: { ...loggedIn, 'sec-fetch-site': 'cross-site' } },
      ],
      [
        '/api/consent-records',
        { method: 'POST', headers: { ...loggedIn, 'sec-fetch-site': 'same-site' } },
      ],
    ]
    for (const [p, init] of cases)
      expect([p, (await fetch(`${base}${p}`, init)).status]).toEqual([p, 200])
  })
})

describe('a client that leaves mid-body', () => {
  test('the API bridge neither rejects nor logs (no bare "Premature close")', async () => {
    let outcome: Promise<unknown> | undefined
    server = http.createServer((req, res) => {
      let n = 0
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((r) => setTimeout(r, 20))
          if (n++ > 200) return controller.close()
          controller.enqueue(new Uint8Array(16 * 1024))
        },
      })
      outcome = sendWebResponse(req, res, new Response(body)).then(
        () => 'finished',
        (error: Error) => `rejected: ${error.message}`,
      )
    })
    server.listen(0, '127.0.0.1')
    await new Promise((resolve) => server!.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => {
      const req = http.get({ port, host: '127.0.0.1', path: '/' }, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', () => undefined)
    })
    expect(await outcome).toBe('finished')
  })
})
