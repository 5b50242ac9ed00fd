/**
 * The limits on the real server (`src/server/serve.ts` on the built app, production mode, a fresh SQLite
 * file): the malformed-input corpus over HTTP through Express and Next (each a 4xx, the server
 * alive, the log small), parallel uploads and password resets, Payload's csrf list and the consent
 * form's origin check. Run by `npm run test:server` after `npm run build`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { assert, checks, request, startServer, type RunningServer } from '../helpers/server'
import { serverEnv } from '../helpers/serverEnv'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-limits-'))
const { check, summary } = checks()
const admin = { email: 'limits-admin@example.com', password: 'limits-password-123' }
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ')
const nested = (n: number) => '{"and":['.repeat(n) + '{"title":{"equals":"x"}}' + ']}'.repeat(n)
const form = { 'content-type': 'application/x-www-form-urlencoded' }
const override = { ...form, 'x-payload-http-method-override': 'GET' }
const gql = { 'content-type': 'application/json', accept: 'application/graphql-response+json' }

async function main(): Promise<number> {
  let server: RunningServer | undefined
  try {
    server = await startServer(
      serverEnv(path.join(tmp, 'limits.db'), path.join(tmp, 'media'), admin, { CACHE: 'off' }),
    )
    const { base } = server
    const url = (p: string) => `${base}${p}`
    const logBefore = server.output().length

    const corpus: Array<[string, string, RequestInit, number[]]> = [
      [
        'like with 1,000 words',
        `/api/articles?where[title][like]=${encodeURIComponent(words(1000))}`,
        {},
        [400],
      ],
      [
        'like with 100k words by method override',
        '/api/articles',
        {
          method: 'POST',
          headers: override,
          body: `where[title][like]=${encodeURIComponent(words(100_000))}`,
        },
        [413],
      ],
      [
        'like of 30 KB by method override',
        '/api/articles',
        { method: 'POST', headers: override, body: `where[title][like]=${'x'.repeat(30_000)}` },
        [400],
      ],
      [
        'where nested 2,000 levels by method override',
        '/api/articles',
        { method: 'POST', headers: override, body: `where=${encodeURIComponent(nested(2000))}` },
        [400],
      ],
      [
        'a URL over the header limit',
        `/api/articles?where[title][like]=${'x'.repeat(20_000)}`,
        {},
        [414, 431],
      ],
      [
        'GraphQL fragment cycle',
        '/api/graphql',
        {
          method: 'POST',
          headers: gql,
          body: JSON.stringify({
            query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
          }),
        },
        [400],
      ],
      [
        'GraphQL variables nested 10,000 levels',
        '/api/graphql',
        {
          method: 'POST',
          headers: gql,
          body: `{"query":"query($w: Article_where) { Articles(where: $w) { docs { id } } }","variables":{"w":${nested(10_000).replaceAll('"and"', '"AND"')}}}`,
        },
        [413], // anonymous GraphQL bodies over 64 KB are refused unread
      ],
      [
        'GraphQL like with 100k words',
        '/api/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'query($w: String) { Articles(where: { title: { like: $w } }) { docs { id } } }',
            variables: { w: words(100_000) },
          }),
        },
        [413],
      ],
      ['file ..%252f..', '/api/images/file/..%252f..', {}, [400, 404]],
      ['file %00', '/api/images/file/%00', {}, [400, 404]],
      ['file %c0%af', '/api/images/file/%c0%af', {}, [400, 404]],
      [
        'consent form with Origin: foo',
        '/site/consent',
        { method: 'POST', headers: { ...form, origin: 'foo' }, body: 'acceptType=all&revision=1' },
        [403],
      ],
      [
        'consent form with Origin: null',
        '/site/consent',
        { method: 'POST', headers: { ...form, origin: 'null' }, body: 'acceptType=all&revision=1' },
        [403],
      ],
    ]
    for (const [name, p, init, statuses] of corpus) {
      await check(`${name} → ${statuses.join('/')}`, async () => {
        const res = await request(url(p), init)
        assert(
          statuses.includes(res.status),
          `${res.status} ${res.text.slice(0, 200)}\n${res.status >= 500 ? server!.output().slice(-1500) : ''}`,
        )
        if (res.status === 200) {
          const statusCode = res.json?.errors?.[0]?.extensions?.statusCode
          assert(
            statusCode === 400,
            `GraphQL error status ${statusCode}: ${res.text.slice(0, 200)}`,
          )
        }
        const health = await request(url('/healthz'))
        assert(health.status === 200, `healthz ${health.status} afterwards`)
      })
    }

    await check(
      'a localized field two relations away with locale=all: a 400, the server stays up',
      async () => {
        const res = await request(
          url(
            '/api/articles?locale=all&where[relatedArticles.article.relatedArticles.title][like]=zz',
          ),
        )
        assert(res.status === 400, `${res.status} ${res.text.slice(0, 200)}`)
        // Payload's validation rejects a promise nobody awaits after the answer: give it its turn
        // (it ends a process without our handler unless Next, loaded for a page, installed its own)
        await new Promise((resolve) => setTimeout(resolve, 500))
        const health = await request(url('/healthz'))
        assert(health.status === 200, `healthz ${health.status} afterwards`)
      },
    )

    await check(
      'a page with 1,500 cookies: rendered, the consent decision among them kept',
      async () => {
        const slug = 'north-koreas-kim-congratulates-lao-president-on-reelection'
        const consent = 'newsroom_consent=1.123e4567-e89b-12d3-a456-426614174000.all'
        const junk = Array.from({ length: 1500 }, (_, i) => `c${i}=v`).join('; ')
        const banner = async (cookie: string | undefined, n: number) => {
          const res = await request(url(`/en/articles/${slug}?cookies=${n}`), {
            headers: cookie ? { cookie } : {},
          })
          assert(res.status === 200, `${res.status} ${res.text.slice(0, 200)}`)
          return /<section[^>]*id="consent"[^>]*>/.exec(res.text)?.[0] ?? ''
        }
        assert(!(await banner(undefined, 1)).includes('hidden'), 'no decision: the banner shows')
        assert((await banner(`${junk}; ${consent}`, 2)).includes('hidden'), 'decision lost')
      },
    )

    await check(
      'the corpus wrote a small log (errors bounded, client errors one line each)',
      () => {
        const written = server!.output().length - logBefore
        assert(written < 64 * 1024, `${written} characters of log`)
      },
    )

    await check('the consent form redirects only to same-site paths', async () => {
      for (const [ret, expected] of [
        ['/%09/evil.example/', '/'],
        ['//evil.example', '/'],
        ['/de/', '/de/'],
      ]) {
        const res = await fetch(url('/site/consent'), {
          method: 'POST',
          redirect: 'manual',
          headers: {
            ...form,
            'sec-fetch-site': 'same-origin',
            'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}`,
          },
          body: `acceptType=necessary&revision=1&return=${ret}`,
        })
        assert(res.status === 303, `${ret}: ${res.status}`)
        assert(res.headers.get('location') === expected, `${ret} → ${res.headers.get('location')}`)
      }
    })

    const login = await request(url('/api/users/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    })
    const token = login.json?.token as string
    await check(
      '8 parallel uploads and 4 password resets: every one answered and read back',
      async () => {
        assert(token, `login ${login.status}`)
        const uploads = Array.from({ length: 8 }, async (_, i) => {
          const png = await sharp({
            create: {
              width: 64,
              height: 36,
              channels: 3,
              background: `#${(i * 30 + 16).toString(16)}4080`,
            },
          })
            .png()
            .toBuffer()
          const body = new FormData()
          body.append(
            'file',
            new Blob([new Uint8Array(png)], { type: 'image/png' }),
            `parallel-${i}.png`,
          )
          body.append('_payload', JSON.stringify({ alt: `Parallel ${i}` }))
          return request(url('/api/images'), {
            method: 'POST',
            headers: { authorization: `JWT ${token}` },
            body,
          })
        })
        const resets = Array.from({ length: 4 }, (_, i) =>
          request(url('/api/users/forgot-password'), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: i % 2 ? admin.email : `nobody${i}@example.com` }),
          }),
        )
        const results = await Promise.all([...uploads, ...resets])
        const bad = results.filter((r) => r.status >= 300)
        assert(!bad.length, bad.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join('; '))
        for (const [i, res] of results.slice(0, 8).entries()) {
          const back = await request(url(`/api/images/${res.json.doc.id}`), {
            headers: { authorization: `JWT ${token}` },
          })
          assert(back.json?.alt === `Parallel ${i}`, `image ${i}: ${back.status}`)
        }
      },
    )

    await check(
      "a cookie login writes only from the site's own origin; pages send Referrer-Policy: same-origin",
      async () => {
        const write = (origin: string) =>
          request(url('/api/related-articles'), {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: `payload-token=${token}`,
              origin,
            },
            body: JSON.stringify({ summary: `from ${origin}` }),
          })
        const foreign = await write('https://evil.example')
        assert(foreign.status === 403, `foreign origin: ${foreign.status}`)
        const own = await write(base)
        assert(own.status === 201, `own origin: ${own.status} ${own.text.slice(0, 200)}`)
        const page = await request(url('/admin/login'))
        assert(
          page.headers.get('referrer-policy') === 'same-origin',
          `${page.headers.get('referrer-policy')}`,
        )
      },
    )
  } catch (error) {
    console.log(`  ✕ ${(error as Error).message}`)
    await server?.stop()
    return 1
  }
  await server?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
  return summary()
}

process.exit(await main())
