/**
 * Cache poisoning and private answers, against the real built server (`src/server/serve.ts`, production,
 * a fresh SQLite file with the seed article). Run by `npm run test:server` after `npm run build`.
 *
 * Generated from a list of request variants (hostile headers, cookie spellings, credentials,
 * repeated parameters, method override, GraphQL spellings of drafts and versions) crossed with the
 * public reads (REST by id and list, a global, GraphQL, a reader page). For each pair: the variant
 * is sent on a fresh key, then a plain anonymous request on that key must get exactly the bytes an
 * uncached anonymous request got. Every credential form's answer is never served from the cache,
 * to anyone; `/api/users/me` is never cached.
 *
 * Requests go through node:http, so headers are sent exactly as written (Host, spaces in cookies).
 *
 * `POISONING_BASE` (and `POISONING_ADMIN`, `email:password`) replays it against a running front
 * instead, e.g. Varnish in front of two instances (`npm run test:cluster`): an answer from either
 * cache (`X-Cache` or Varnish's `X-Varnish-Cache`) counts as cached.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { assert, checks, startServer, type RunningServer } from '../helpers/server'
import { serverEnv } from '../helpers/serverEnv'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-poisoning-'))
const { check, summary } = checks()
const [adminEmail, ...adminPassword] = (process.env.POISONING_ADMIN ?? '').split(':')
const admin = process.env.POISONING_ADMIN
  ? { email: adminEmail!, password: adminPassword.join(':') }
  : { email: 'poison-admin@example.com', password: 'poison-password-123' }

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string }

const fromCache = (r: Raw) =>
  r.headers['x-cache'] === 'HIT' || r.headers['x-varnish-cache'] === 'HIT'

/** One request with exactly these headers (an array of pairs keeps repeats and spelling). */
function raw(
  base: string,
  method: string,
  target: string,
  headers: [string, string][] = [],
  body?: string,
): Promise<Raw> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    // Raw header arrays get no Host from Node: the server's own unless the variant sends one.
    const flat = headers.some(([n]) => n.toLowerCase() === 'host')
      ? headers.flat()
      : ['host', `${hostname}:${port}`, ...headers.flat()]
    if (body !== undefined) flat.push('content-length', String(Buffer.byteLength(body)))
    const req = http.request({ hostname, port, method, path: target, headers: flat })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const all = Buffer.concat(chunks)
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: all,
          text: all.toString('utf8'),
        })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

type Target = {
  name: string
  /** The plain anonymous request for `key` (a harmless extra parameter that makes the key fresh). */
  plain: (key: string) => {
    method: string
    path: string
    headers: [string, string][]
    body?: string
  }
}

type Variant = {
  name: string
  /** The variant of a target's plain request. */
  apply: (r: ReturnType<Target['plain']>) => ReturnType<Target['plain']>
  /** It carries a credential or asks for drafts: its own answer must never come from the cache. */
  private?: boolean
}

const withHeaders =
  (...extra: [string, string][]) =>
  (r: ReturnType<Target['plain']>) => ({ ...r, headers: [...r.headers, ...extra] })

const withQuery = (suffix: string) => (r: ReturnType<Target['plain']>) => ({
  ...r,
  path: `${r.path}${r.path.includes('?') ? '&' : '?'}${suffix}`,
})

async function main(): Promise<void> {
  const front = process.env.POISONING_BASE
  const server: Pick<RunningServer, 'base' | 'stop'> = front
    ? { base: front, stop: async () => {} }
    : await startServer(
        serverEnv(path.join(tmp, 'poison.db'), path.join(tmp, 'media'), admin, {
          PUBLIC_URL: 'https://news.example',
          REDIS_URL: '',
          PORT_RANGE: process.env.PORT_RANGE ?? '',
        }),
      )
  const base = server.base
  const json = (r: Raw) => JSON.parse(r.text)
  const send = (r: ReturnType<Target['plain']>) => raw(base, r.method, r.path, r.headers, r.body)
  try {
    const login = async (email: string, password: string) => {
      const res = await raw(
        base,
        'POST',
        '/api/users/login',
        [['content-type', 'application/json']],
        JSON.stringify({ email, password }),
      )
      assert(res.status === 200, `login ${email}: ${res.status} ${res.text}`)
      return json(res).token as string
    }
    const adminToken = await login(admin.email, admin.password)
    const create = async (body: unknown) => {
      const res = await raw(
        base,
        'POST',
        '/api/users',
        [
          ['content-type', 'application/json'],
          ['authorization', `JWT ${adminToken}`],
        ],
        JSON.stringify(body),
      )
      assert(res.status === 201, `create user: ${res.status} ${res.text}`)
    }
    await create({
      email: 'poison-editor@example.com',
      password: 'editor-password-123',
      roles: ['editor'],
    })
    const editor = await login('poison-editor@example.com', 'editor-password-123')
    const apiKey = crypto.randomUUID()
    await create({
      email: 'poison-dev@example.com',
      password: 'dev-password-123',
      roles: ['developer'],
      canReadDrafts: true,
      enableAPIKey: true,
      apiKey,
    })

    const seeded = json(await raw(base, 'GET', '/api/articles?limit=1&depth=0&locale=en')).docs[0]
    assert(seeded?.id && seeded.slug, 'the seed article is missing')
    // A draft only staff may see: its text must never reach an anonymous answer.
    const SECRET = `SECRET-DRAFT-${crypto.randomUUID().slice(0, 8)}`
    const draft = await raw(
      base,
      'PATCH',
      `/api/articles/${seeded.id}?draft=true&locale=en`,
      [
        ['content-type', 'application/json'],
        ['authorization', `JWT ${editor}`],
      ],
      JSON.stringify({ title: SECRET }),
    )
    assert(draft.status === 200, `draft save: ${draft.status} ${draft.text.slice(0, 200)}`)

    type Credential = { name: string; headers: [string, string][] }
    const credentialForms: Credential[] = [
      { name: 'JWT header', headers: [['authorization', `JWT ${editor}`]] },
      { name: 'Bearer header', headers: [['authorization', `Bearer ${editor}`]] },
      { name: 'API key', headers: [['authorization', `users API-Key ${apiKey}`]] },
      { name: 'cookie', headers: [['cookie', `payload-token=${editor}`]] },
      { name: 'cookie, space before =', headers: [['cookie', `payload-token =${editor}`]] },
      {
        name: 'cookie after another, no space',
        headers: [['cookie', `a=1;payload-token=${editor}`]],
      },
      { name: 'cookie, tab and spaces', headers: [['cookie', `a=1;\t payload-token=${editor}`]] },
      {
        name: 'two cookie headers',
        headers: [
          ['cookie', 'a=1'],
          ['cookie', `payload-token=${editor}`],
        ],
      },
    ]
    const credentials = credentialForms.map((credential): Credential =>
      // A login cookie as a browser sends it on the site itself: Payload's csrf list honours it only
      // with the site's Origin or `Sec-Fetch-Site: same-origin`.
      credential.headers.some(([name]) => name === 'cookie')
        ? { ...credential, headers: [...credential.headers, ['sec-fetch-site', 'same-origin']] }
        : credential,
    )

    const gqlQuery = `query ($id: String!) { Article(id: $id) { title summary badges { type label } heroImage { url alt } relatedArticles { title summary } } }`
    const gqlBody = (query: string, variables: Record<string, unknown> = { id: seeded.id }) =>
      JSON.stringify({ query, variables })
    const targets: Target[] = [
      {
        name: 'REST by id',
        plain: (k) => ({
          method: 'GET',
          path: `/api/articles/${seeded.id}?locale=de&depth=2&k=${k}`,
          headers: [],
        }),
      },
      {
        name: 'REST list',
        plain: (k) => ({
          method: 'GET',
          path: `/api/articles?locale=de&depth=1&limit=5&k=${k}`,
          headers: [],
        }),
      },
      {
        name: 'global',
        plain: (k) => ({
          method: 'GET',
          path: `/api/globals/consent?locale=de&k=${k}`,
          headers: [],
        }),
      },
      {
        name: 'GraphQL',
        plain: (k) => ({
          method: 'POST',
          path: `/api/graphql?locale=de&k=${k}`,
          headers: [['content-type', 'application/json']],
          body: gqlBody(gqlQuery),
        }),
      },
      {
        name: 'reader page',
        plain: (k) => ({ method: 'GET', path: `/de/articles/${seeded.slug}?k=${k}`, headers: [] }),
      },
    ]

    const draftQueries = [
      `query ($id: String!) { Article(id: $id, draft: true) { title } }`,
      `query ($id: String!) { Article(id: $id, draft # c\n: true) { title } }`,
      `query ($id: String!) { Article(id: $id, draft\n:\ntrue) { title } }`,
      `query ($id: String!, $d: Boolean = true) { Article(id: $id, draft: $d) { title } }`,
      `query ($id: String!) { ...F } fragment F on Query { Article(id: $id, draft: true) { title } }`,
      `query ($id: String!) { Article(id: $id) { title } v: versionsArticles { docs { version { title } } } }`,
    ]
    const variants: Variant[] = [
      { name: 'Host', apply: withHeaders(['host', 'evil.example']) },
      { name: 'X-Forwarded-Host', apply: withHeaders(['x-forwarded-host', 'evil.example']) },
      {
        name: 'X-Forwarded-Proto',
        apply: withHeaders(['x-forwarded-proto', 'https://evil.example/?']),
      },
      {
        name: 'X-Forwarded-For/Port/Prefix',
        apply: withHeaders(
          ['x-forwarded-for', '203.0.113.9'],
          ['x-forwarded-port', '1'],
          ['x-forwarded-prefix', '/evil'],
        ),
      },
      { name: 'Forwarded', apply: withHeaders(['forwarded', 'host=evil.example;proto=https']) },
      {
        name: 'X-Original-URL / X-Rewrite-URL',
        apply: withHeaders(['x-original-url', '/api/users'], ['x-rewrite-url', '/api/users']),
      },
      { name: 'Origin', apply: withHeaders(['origin', 'https://evil.example']) },
      { name: 'Accept-Language', apply: withHeaders(['accept-language', 'en']) },
      { name: 'payload-lng cookie', apply: withHeaders(['cookie', 'payload-lng=en']) },
      {
        name: 'consent cookie, space before =',
        apply: withHeaders(['cookie', `newsroom_consent =1.${crypto.randomUUID()}.all`]),
      },
      {
        name: 'consent cookie, garbage',
        apply: withHeaders(['cookie', 'newsroom_consent=1.garbage']),
      },
      { name: 'consent cookie, bad percent', apply: withHeaders(['cookie', 'newsroom_consent=%']) },
      {
        name: 'consent cookie, encoded dots',
        apply: withHeaders(['cookie', `newsroom_consent=1%2E${crypto.randomUUID()}%2Eall`]),
      },
      {
        name: 'cookie prefix variants',
        apply: withHeaders([
          'cookie',
          `payload_token=${editor}; payload-token-x=${editor}; xpayload-token=${editor}`,
        ]),
      },
      {
        name: 'bogus API key',
        apply: withHeaders(['authorization', 'users API-Key bogus']),
        private: true,
      },
      {
        name: 'expired-looking JWT',
        apply: withHeaders(['authorization', 'JWT e30.e30.x']),
        private: true,
      },
      ...credentials.map(({ name, headers }) => ({
        name: `credential: ${name}`,
        apply: withHeaders(...headers),
        private: true,
      })),
      { name: 'repeated locale (en, de)', apply: withQuery('locale=en') },
      { name: 'draft=true', apply: withQuery('draft=true'), private: true },
      {
        name: 'draft=true with a credential',
        apply: (r) => withQuery('draft=true')(withHeaders(['authorization', `JWT ${editor}`])(r)),
        private: true,
      },
      {
        name: 'preview=1 with a cookie',
        apply: (r) => withQuery('preview=1')(withHeaders(['cookie', `payload-token=${editor}`])(r)),
        private: true,
      },
      {
        name: 'method override',
        apply: (r) =>
          r.method === 'GET' && r.path.startsWith('/api/')
            ? {
                ...r,
                method: 'POST',
                headers: [
                  ...r.headers,
                  ['x-payload-http-method-override', 'GET'],
                  ['content-type', 'application/x-www-form-urlencoded'],
                ],
                body: 'draft=true&locale=en',
              }
            : r,
        private: true,
      },
      ...draftQueries.map((query) => ({
        name: `GraphQL: ${query.replace(/\s+/g, ' ').slice(0, 60)}`,
        apply: (r: ReturnType<Target['plain']>) =>
          r.body ? { ...r, body: gqlBody(query) } : withQuery('draft=true')(r),
        private: true,
      })),
      {
        name: 'GraphQL: variables carry draft',
        apply: (r) =>
          r.body
            ? {
                ...r,
                body: gqlBody(
                  `query ($id: String!, $d: Boolean) { Article(id: $id, draft: $d) { title } }`,
                  { id: seeded.id, d: true },
                ),
              }
            : withQuery('draft=true')(r),
        private: true,
      },
    ]

    let n = 0
    for (const target of targets) {
      await check(
        `${target.name}: after each of ${variants.length} variants, a plain request gets the uncached anonymous bytes`,
        async () => {
          const failures: string[] = []
          for (const variant of variants) {
            const key = `${++n}-${crypto.randomUUID().slice(0, 6)}`
            const reference = await send(target.plain(`${key}-ref`))
            assert(
              reference.status === 200 && reference.headers['x-cache'] === 'MISS',
              `${variant.name}: reference ${reference.status} ${reference.headers['x-cache']}`,
            )
            const attack = variant.apply(target.plain(key))
            const applies = JSON.stringify(attack) !== JSON.stringify(target.plain(key))
            await send(attack)
            const repeated = await send(attack)
            if (variant.private && applies && fromCache(repeated))
              failures.push(`${variant.name}: its own answer came from the cache`)
            for (let i = 0; i < 2; i++) {
              const plain = await send(target.plain(key))
              if (!plain.body.equals(reference.body))
                failures.push(
                  `${variant.name}: plain answer #${i + 1} differs (X-Cache ${plain.headers['x-cache']}): ${plain.text.slice(0, 160)}`,
                )
              if (plain.text.includes(SECRET) || plain.text.includes('evil.example'))
                failures.push(`${variant.name}: leaked into a plain answer`)
            }
          }
          assert(!failures.length, failures.join('\n    '))
        },
      )
    }

    await check(
      'no credential form is ever answered from the cache or stored for anyone',
      async () => {
        const failures: string[] = []
        const reads = [
          `/api/users/me`,
          `/api/users?limit=5`,
          `/api/articles/${seeded.id}?draft=true&locale=en`,
          `/api/articles?draft=true&locale=en&limit=5`,
          `/api/articles/versions?limit=5`,
          `/api/consent-records?limit=5`,
          `/en/articles/${seeded.slug}?preview=1`,
        ]
        for (const { name, headers } of credentials) {
          for (const read of reads) {
            const target = `${read}${read.includes('?') ? '&' : '?'}c=${crypto.randomUUID().slice(0, 6)}`
            const first = await raw(base, 'GET', target, headers)
            const second = await raw(base, 'GET', target, headers)
            if (fromCache(second)) failures.push(`${name} ${read}: served from the cache`)
            if (
              first.status === 200 &&
              !/private|no-store/.test(String(first.headers['cache-control']))
            )
              failures.push(`${name} ${read}: Cache-Control ${first.headers['cache-control']}`)
            for (let i = 0; i < 2; i++) {
              const anonymous = await raw(base, 'GET', target)
              if (fromCache(anonymous) && read.includes('users'))
                failures.push(`${name} ${read}: anonymous HIT`)
              if (
                anonymous.text.includes(SECRET) ||
                anonymous.text.includes('poison-editor@') ||
                anonymous.text.includes('"token"')
              )
                failures.push(
                  `${name} ${read}: leaked to an anonymous reader: ${anonymous.text.slice(0, 160)}`,
                )
            }
          }
          const draftQuery = gqlBody(
            `query ($id: String!) { Article(id: $id, draft: true) { title } }`,
          )
          const gql = await raw(
            base,
            'POST',
            '/api/graphql?locale=en',
            [['content-type', 'application/json'], ...headers],
            draftQuery,
          )
          const gqlAgain = await raw(
            base,
            'POST',
            '/api/graphql?locale=en',
            [['content-type', 'application/json'], ...headers],
            draftQuery,
          )
          const anonymous = await raw(
            base,
            'POST',
            '/api/graphql?locale=en',
            [['content-type', 'application/json']],
            draftQuery,
          )
          if (anonymous.text.includes(SECRET))
            failures.push(`${name} GraphQL: the draft reached an anonymous reader`)
          if (fromCache(gqlAgain) || !gql.text.includes(SECRET))
            failures.push(
              `${name} GraphQL: ${gqlAgain.headers['x-cache']} ${gql.text.slice(0, 120)}`,
            )
        }
        assert(!failures.length, failures.join('\n    '))
      },
    )

    await check('/api/users/me is never cached, for anyone', async () => {
      for (let i = 0; i < 3; i++) {
        const me = await raw(base, 'GET', '/api/users/me')
        assert(!fromCache(me), `anonymous /api/users/me: ${me.headers['x-cache']}`)
        assert(!me.text.includes('poison-'), `a user in an anonymous /me: ${me.text}`)
      }
    })

    await check('absolute URLs on the reader page come from PUBLIC_URL', async () => {
      const page = await raw(base, 'GET', `/de/articles/${seeded.slug}?abs=1`, [
        ['host', 'evil.example'],
        ['x-forwarded-host', 'evil.example'],
      ])
      // the German page of an article not published in German is canonical to the published
      // original (docs/syndication.md): what matters here is the origin
      assert(
        new RegExp(
          `<link rel="canonical" href="https://news\\.example/(de|en)/articles/${seeded.slug}"/>`,
        ).test(page.text),
        'no canonical link from PUBLIC_URL',
      )
      assert(!page.text.includes('evil.example'), 'a request header reached the page')
    })
  } finally {
    await server.stop()
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
