/**
 * The response cache on the real server (`dist/server.js` on the built app, production mode, fresh
 * SQLite files): every write path invalidates what it changed, nothing private is cached, HTTP
 * conventions hold; writes from another process (`npm run seed`) and from a second instance
 * (through a real `redis-server`) invalidate too. Run by `npm run test:server` after `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { dryRun } from '../seed/dry-run'
import {
  assert,
  checks,
  freePort,
  request,
  root,
  sleep,
  startServer,
  type Reply,
  type RunningServer,
} from './helpers/server'
import { serverEnv } from './helpers/serverEnv'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cache-'))
const { check, summary } = checks()
const secret = crypto.randomBytes(32).toString('hex')
const admin = { email: 'cache-admin@example.com', password: 'cache-password-123' }
const envFor = (db: string, extra: Record<string, string> = {}) =>
  serverEnv(path.join(tmp, db), path.join(tmp, 'media'), admin, {
    PAYLOAD_SECRET: secret,
    REDIS_URL: '',
    ...extra,
  })

const xCache = (r: Reply) => r.headers.get('x-cache')
const jsonHeaders = (token?: string) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `JWT ${token}` } : {}),
})

function client(base: string) {
  const get = (p: string, headers: Record<string, string> = {}) =>
    request(`${base}${p}`, { headers })
  const gql = (
    query: string,
    variables: Record<string, unknown>,
    locale: string,
    headers: Record<string, string> = {},
  ) =>
    request(`${base}/api/graphql?locale=${locale}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    })
  const write = async (method: string, p: string, token: string, body: unknown) => {
    const res = await request(`${base}${p}`, {
      method,
      headers: jsonHeaders(token),
      body: JSON.stringify(body),
    })
    assert(
      res.status === 200 || res.status === 201,
      `${method} ${p} → ${res.status} ${res.text.slice(0, 300)}`,
    )
    return res.json
  }
  const login = async (email: string, password: string) => {
    const res = await request(`${base}/api/users/login`, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ email, password }),
    })
    assert(res.status === 200, `login ${email}: ${res.status} ${res.text}`)
    return res.json.token as string
  }
  return { get, gql, write, login }
}

/** Reads twice; the second read must come from the cache. */
async function warm(read: () => Promise<Reply>): Promise<Reply> {
  const first = await read()
  assert(first.status === 200, `status ${first.status}: ${first.text.slice(0, 300)}`)
  const second = await read()
  assert(xCache(second) === 'HIT', `second read X-Cache ${xCache(second)} (first ${xCache(first)})`)
  assert(second.text === first.text, 'a hit differs from the miss before it')
  return second
}

const ARTICLE_QUERY = `query ($id: String!) { Article(id: $id) { title summary badges { type label }
  heroImage { alt aiGenerated } relatedArticles { summary badges { type label } image { aiGenerated } } } }`

async function correctness(server: RunningServer) {
  const { get, gql, write, login } = client(server.base)
  const adminToken = await login(admin.email, admin.password)
  await write('POST', '/api/users', adminToken, {
    email: 'cache-editor@example.com',
    password: 'editor-password-123',
    roles: ['editor'],
  })
  const editor = await login('cache-editor@example.com', 'editor-password-123')
  const apiKey = crypto.randomUUID()
  await write('POST', '/api/users', adminToken, {
    email: 'cache-dev@example.com',
    password: 'dev-password-123',
    roles: ['developer'],
    canReadDrafts: true,
    enableAPIKey: true,
    apiKey,
  })

  const seeded = (await get('/api/articles?depth=2&limit=1&locale=en')).json.docs[0]
  assert(seeded?.relatedArticles?.length, 'the seed article with teasers is missing')
  const id: string = seeded.id
  const teaser = seeded.relatedArticles[0]
  const heroImage = seeded.heroImage
  const byId = (locale: string) => () => get(`/api/articles/${id}?locale=${locale}&depth=2`)
  const newest = (locale: string) => () =>
    get(`/api/articles?limit=10&depth=1&sort=-publishedAt&locale=${locale}`)
  const graphql = (locale: string) => () => gql(ARTICLE_QUERY, { id }, locale)

  await check(
    'anonymous REST reads: MISS then HIT, public Cache-Control, weak ETag, Surrogate-Key',
    async () => {
      const res = await warm(byId('de'))
      assert(
        res.headers.get('cache-control') ===
          'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
        `cache-control ${res.headers.get('cache-control')}`,
      )
      assert(/^W\/".+"$/.test(res.headers.get('etag') ?? ''), `etag ${res.headers.get('etag')}`)
      const tags = res.headers.get('surrogate-key')?.split(' ') ?? []
      for (const tag of [
        `articles:${id}`,
        `related-articles:${teaser.id}`,
        `images:${heroImage.id}`,
      ])
        assert(tags.includes(tag), `no ${tag} in ${tags}`)
      assert(
        tags.some((t) => t.startsWith('locales:')),
        `no Locale document in ${tags}`,
      )
      await warm(byId('en'))
    },
  )

  await check(
    'GraphQL queries are cached by query + variables; another variable is another entry',
    async () => {
      const res = await warm(graphql('de'))
      assert(res.json.data.Article.title, res.text)
      const other = await gql(ARTICLE_QUERY, { id: crypto.randomUUID() }, 'de')
      assert(xCache(other) === 'MISS', `other variables: ${xCache(other)}`)
      const again = await gql(ARTICLE_QUERY, { id: crypto.randomUUID() }, 'de')
      assert(xCache(again) !== 'HIT', 'a GraphQL answer with errors was cached')
    },
  )

  await check(
    'If-None-Match: 304 with an empty body for the same bytes, cached or not; 200 otherwise',
    async () => {
      const res = await warm(byId('de'))
      const etag = res.headers.get('etag')!
      const hit = await get(`/api/articles/${id}?locale=de&depth=2`, { 'if-none-match': etag })
      assert(
        hit.status === 304 && hit.text === '' && xCache(hit) === 'HIT',
        `hit: ${hit.status} ${xCache(hit)}`,
      )
      // A draft save purges, but anonymous readers' bytes stay the same: a 304 computed afresh.
      await write('PATCH', `/api/articles/${id}?draft=true&locale=en`, editor, {
        title: 'Only a draft title',
      })
      const miss = await get(`/api/articles/${id}?locale=de&depth=2`, { 'if-none-match': etag })
      assert(miss.status === 304 && xCache(miss) === 'MISS', `miss: ${miss.status} ${xCache(miss)}`)
      const wrong = await get(`/api/articles/${id}?locale=de&depth=2`, {
        'if-none-match': 'W/"nope"',
      })
      assert(wrong.status === 200 && wrong.text === res.text, `other etag: ${wrong.status}`)
    },
  )

  await check(
    'a draft save: anonymous readers keep the published version (REST, GraphQL, both locales)',
    async () => {
      for (const read of [byId('en'), byId('de'), graphql('en'), newest('en')]) {
        const r = await read()
        assert(!r.text.includes('Only a draft title'), `draft leaked: ${r.text.slice(0, 200)}`)
        assert(r.status === 200, `status ${r.status}`)
      }
    },
  )

  await check(
    'an editor reads the draft: never from the cache, never stored, private',
    async () => {
      const url = `/api/articles/${id}?locale=en&depth=1&editor-only=1`
      const mine = await get(url, { authorization: `JWT ${editor}` })
      assert(
        xCache(mine) === 'BYPASS' && mine.headers.get('cache-control') === 'private, no-store',
        `${xCache(mine)} ${mine.headers.get('cache-control')}`,
      )
      const draft = await get(`/api/articles/${id}?locale=en&draft=true`, {
        authorization: `JWT ${editor}`,
      })
      assert(draft.json.title === 'Only a draft title', `editor's draft read: ${draft.json.title}`)
      const cookie = await get(`/api/articles/${id}?locale=en&draft=true`, {
        cookie: `payload-token=${editor}`,
        'sec-fetch-site': 'same-origin', // a browser's; Payload's csrf list refuses cookies without
      })
      assert(
        cookie.json.title === 'Only a draft title' && xCache(cookie) === 'BYPASS',
        `cookie: ${xCache(cookie)} ${cookie.json.title}`,
      )
      const anonymous = await get(url)
      assert(
        xCache(anonymous) === 'MISS' && anonymous.json.title !== 'Only a draft title',
        `anonymous after editor: ${xCache(anonymous)}`,
      )
      const gqlEditor = await gql(ARTICLE_QUERY, { id }, 'en', { authorization: `JWT ${editor}` })
      assert(xCache(gqlEditor) === 'BYPASS', `GraphQL editor: ${xCache(gqlEditor)}`)
    },
  )

  await check(
    'a developer API key with canReadDrafts bypasses the cache and reads the draft',
    async () => {
      const res = await get(`/api/articles/${id}?locale=en&draft=true`, {
        authorization: `users API-Key ${apiKey}`,
      })
      assert(
        res.status === 200 && res.json.title === 'Only a draft title' && xCache(res) === 'BYPASS',
        `${res.status} ${xCache(res)} ${res.json?.title}`,
      )
      const anonymousDraft = await get(`/api/articles/${id}?locale=en&draft=true`)
      assert(
        xCache(anonymousDraft) === 'BYPASS' && anonymousDraft.json?.title !== 'Only a draft title',
        `anonymous draft=true: ${xCache(anonymousDraft)}`,
      )
    },
  )

  await check(
    'publishing a change: the next anonymous read shows it (REST, GraphQL, lists; en and de)',
    async () => {
      for (const read of [
        byId('en'),
        byId('de'),
        graphql('en'),
        graphql('de'),
        newest('en'),
        newest('de'),
      ])
        await warm(read)
      await write('PATCH', `/api/articles/${id}?locale=en`, editor, {
        title: 'Published English title',
        _status: 'published',
      })
      await write('PATCH', `/api/articles/${id}?locale=de`, editor, {
        title: 'Veröffentlichter deutscher Titel',
        _status: 'published',
      })
      for (const [read, title] of [
        [byId('en'), 'Published English title'],
        [graphql('en'), 'Published English title'],
        [newest('en'), 'Published English title'],
        [byId('de'), 'Veröffentlichter deutscher Titel'],
        [graphql('de'), 'Veröffentlichter deutscher Titel'],
        [newest('de'), 'Veröffentlichter deutscher Titel'],
      ] as const) {
        const r = await read()
        assert(r.text.includes(title), `stale: ${r.text.slice(0, 200)}`)
      }
    },
  )

  await check("a teaser's summary: every cached article showing it changes", async () => {
    for (const read of [byId('de'), graphql('de'), newest('de')]) await warm(read)
    await write('PATCH', `/api/related-articles/${teaser.id}?locale=de`, editor, {
      summary: 'Neue Teaser-Zusammenfassung',
    })
    for (const read of [byId('de'), graphql('de'), newest('de')]) {
      const r = await read()
      assert(
        r.text.includes('Neue Teaser-Zusammenfassung') && xCache(r) === 'MISS',
        `stale teaser: ${xCache(r)}`,
      )
    }
  })

  await check("an image's aiGenerated: every cached article showing it changes", async () => {
    for (const read of [byId('en'), graphql('en'), newest('en')]) await warm(read)
    const before = (await byId('en')()).json.heroImage.aiGenerated
    await write('PATCH', `/api/images/${heroImage.id}`, editor, { aiGenerated: !before })
    const rest = await byId('en')()
    assert(
      rest.json.heroImage.aiGenerated === !before,
      `REST by id still ${rest.json.heroImage.aiGenerated}`,
    )
    const list = await newest('en')()
    const inList = list.json.docs.find((d: { id: string }) => d.id === id)
    assert(inList.heroImage.aiGenerated === !before, 'list stale')
    const gqlRes = await graphql('en')()
    assert(gqlRes.json.data.Article.heroImage.aiGenerated === !before, 'GraphQL stale')
  })

  await check('a Locale badge label: every cached article showing it changes', async () => {
    const locale = (await get('/api/locales?where[code][equals]=de')).json.docs[0]
    for (const read of [byId('de'), graphql('de'), newest('de')]) await warm(read)
    const labels = {
      ...locale.labels,
      aiTextBadge: 'KI-Text (Test)',
      aiImageBadge: 'KI-Bild (Test)',
    }
    await write('PATCH', `/api/locales/${locale.id}`, editor, { labels })
    for (const read of [byId('de'), graphql('de'), newest('de')]) {
      const r = await read()
      assert(/KI-(Text|Bild) \(Test\)/.test(r.text), `badge label stale: ${r.text.slice(0, 300)}`)
    }
    // Back to the real labels: the importer recognises its markers by them.
    await write('PATCH', `/api/locales/${locale.id}`, editor, { labels: locale.labels })
    assert(
      !/KI-(Text|Bild) \(Test\)/.test((await byId('de')()).text),
      'badge label stale after the change back',
    )
  })

  await check('the consent global: a change is the next read', async () => {
    const read = () => get('/api/globals/consent?locale=de')
    const res = await warm(read)
    assert(
      res.headers.get('surrogate-key')?.includes('global:consent'),
      `tags ${res.headers.get('surrogate-key')}`,
    )
    await write('POST', '/api/globals/consent?locale=de', editor, { title: 'Neuer Cookie-Titel' })
    const after = await read()
    assert(after.text.includes('Neuer Cookie-Titel'), 'consent stale')
    const gqlConsent = () => gql('{ Consent(locale: de) { title } }', {}, 'de')
    await warm(gqlConsent)
    await write('POST', '/api/globals/consent?locale=de', editor, { title: 'Noch ein Titel' })
    assert(
      (await gqlConsent()).json.data.Consent.title === 'Noch ein Titel',
      'GraphQL consent stale',
    )
  })

  await check('a GraphQL mutation is never cached and purges what it changed', async () => {
    await warm(byId('en'))
    const mutation = `mutation ($id: String!) { updateArticle(id: $id, locale: en, data: { summary: "Mutated summary" }) { summary } }`
    const res = await gql(mutation, { id }, 'en', { authorization: `JWT ${editor}` })
    assert(
      res.status === 200 && res.json.data?.updateArticle?.summary === 'Mutated summary',
      res.text.slice(0, 300),
    )
    const anonymousMutation = await gql(mutation, { id }, 'en')
    assert(
      xCache(anonymousMutation) === 'BYPASS',
      `anonymous mutation ${xCache(anonymousMutation)}`,
    )
    assert((await byId('en')()).json.summary === 'Mutated summary', 'stale after the mutation')
  })

  await check('a new published article: cached lists and slug queries show it', async () => {
    const slugQuery = () =>
      get('/api/articles?where[slug][equals]=brand-new-cache-article&depth=2&locale=en')
    await warm(slugQuery)
    await warm(newest('en'))
    await write('POST', '/api/articles?locale=en', editor, {
      title: 'Brand new cache article',
      _status: 'published',
    })
    const bySlug = await slugQuery()
    assert(bySlug.json.docs.length === 1, `slug query: ${bySlug.json.docs.length} docs`)
    assert((await newest('en')()).text.includes('Brand new cache article'), 'list stale')
  })

  await check('unpublish and delete: gone from every cached read', async () => {
    const created = await write('POST', '/api/articles?locale=en', editor, {
      title: 'Short-lived article',
      _status: 'published',
    })
    const doc = created.doc
    const one = () => get(`/api/articles/${doc.id}?locale=en`)
    const gqlOne = () => gql(ARTICLE_QUERY, { id: doc.id }, 'en')
    for (const read of [one, gqlOne, newest('en')]) await warm(read)
    await write('PATCH', `/api/articles/${doc.id}?locale=en`, editor, { _status: 'draft' })
    assert((await one()).status === 404, 'unpublished article still served')
    assert(!(await gqlOne()).json.data?.Article, 'unpublished article still in GraphQL')
    assert(
      !(await newest('en')()).text.includes('Short-lived article'),
      'unpublished article still listed',
    )
    await write('PATCH', `/api/articles/${doc.id}?locale=en`, editor, { _status: 'published' })
    await warm(one)
    await warm(newest('en'))
    await write('DELETE', `/api/articles/${doc.id}`, editor, undefined)
    assert((await one()).status === 404, 'deleted article still served')
    assert(
      !(await newest('en')()).text.includes('Short-lived article'),
      'deleted article still listed',
    )
  })

  await check(
    'search answers (REST and the reader page): a matching publish is the next answer, an unpublish removes it',
    async () => {
      const word = 'Zyxcachesearch'
      const api = () => get(`/api/search?q=${word}&locale=en`)
      const page = () => get(`/en/search?q=${word}`)
      const found = async () => {
        const [a, p] = [await api(), await page()]
        assert(a.status === 200 && p.status === 200, `search ${a.status}, page ${p.status}`)
        return { a, p, api: a.json.docs.map((d: { id: string }) => d.id), page: p.text }
      }
      for (const read of [api, page]) await warm(read)
      const before = await found()
      assert(before.api.length === 0 && !before.page.includes(`${word} article`), 'found too early')

      const created = await write('POST', '/api/articles?locale=en', editor, {
        title: `${word} article`,
        _status: 'published',
      })
      const published = await found()
      assert(
        published.api.join() === created.doc.id && xCache(published.a) === 'MISS',
        `after the publish the API answers ${published.api} (${xCache(published.a)})`,
      )
      assert(
        published.page.includes(`<mark>${word}</mark> article`) && xCache(published.p) === 'MISS',
        `after the publish the page is stale (${xCache(published.p)})`,
      )

      for (const read of [api, page]) await warm(read)
      await write('PATCH', `/api/articles/${created.doc.id}?locale=en`, editor, {
        _status: 'draft',
      })
      const unpublished = await found()
      assert(unpublished.api.length === 0, `after the unpublish the API answers ${unpublished.api}`)
      assert(!unpublished.page.includes(`${word} article`), 'after the unpublish the page shows it')
    },
  )

  await check('?locale=fr is still a 400, never cached', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get('/api/articles?locale=fr')
      assert(
        res.status === 400 && res.text.includes('Unknown locale') && xCache(res) !== 'HIT',
        `${res.status} ${xCache(res)}`,
      )
    }
  })

  return { id, get }
}

/** `npm run seed` in another process while the server runs: the server's next read is fresh. */
async function seedWhileRunning(server: RunningServer, env: Record<string, string>, id: string) {
  const { get } = client(server.base)
  await check(
    '`npm run seed` from another process: the next read is fresh (no Redis: the purge journal)',
    async () => {
      const byIdUrl = `/api/articles/${id}?locale=en&depth=2`
      await warm(() => get(byIdUrl))
      const listQuery = () => get('/api/articles?where[title][like]=running&locale=en&depth=0')
      await warm(listQuery)
      const dir = path.join(tmp, 'docs')
      fs.mkdirSync(dir, { recursive: true })
      const source = fs
        .readdirSync(path.join(root, 'seed', 'documents'))
        .find((f) => f.endsWith('.txt'))!
      const original = path.join(root, 'seed', 'documents', source)
      const { documents } = await dryRun([original])
      const text = fs.readFileSync(original, 'utf8').split('\n')
      const titleLine = text.findIndex((line) => line.trim() === documents[0]!.title)
      assert(titleLine >= 0, `no title line in ${source}`)
      text[titleLine] = 'Seeded while running'
      fs.writeFileSync(path.join(dir, source), text.join('\n'))
      // Not spawnSync: a blocked event loop would miss the server closing idle keep-alive sockets.
      const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
        (resolve) => {
          const child = spawn(
            path.join(root, 'node_modules', '.bin', 'tsx'),
            ['seed/cli.ts', dir],
            {
              cwd: root,
              env: {
                ...process.env,
                ...env,
                NODE_ENV: 'production',
                NODE_OPTIONS: '--conditions=production',
              },
            },
          )
          let stdout = ''
          let stderr = ''
          child.stdout.on('data', (d: Buffer) => (stdout += d))
          child.stderr.on('data', (d: Buffer) => (stderr += d))
          child.on('exit', (status) => resolve({ status, stdout, stderr }))
        },
      )
      assert(run.status === 0, `seed exit ${run.status}: ${run.stderr}${run.stdout}`)
      assert(/1 updated/.test(run.stdout), `seed: ${run.stdout}`)
      const after = await get(byIdUrl)
      assert(
        after.json.title === 'Seeded while running',
        `stale after seed: ${after.json.title} (${xCache(after)})`,
      )
      assert((await listQuery()).json.docs.length === 1, 'where query stale after seed')
    },
  )
}

const startRedis = async () => startRedisOn(await freePort(process.env.REDIS_PORT_RANGE))

/** Two instances on one SQLite file with Redis: an edit through A, B's next read is fresh. */
async function twoInstances() {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    await check('two instances with Redis', () =>
      assert(false, 'redis-server is not installed (apt-get install -y redis-server)'),
    )
    return
  }
  let redis = await startRedis()
  const env = envFor('shared.db', { REDIS_URL: `redis://127.0.0.1:${redis.port}` })
  const a = await startServer(env)
  const b = await startServer(env)
  try {
    const A = client(a.base)
    const B = client(b.base)
    const editor = await A.login(admin.email, admin.password)
    const id = (await B.get('/api/articles?limit=1&locale=en')).json.docs[0].id
    const readB = () => B.get(`/api/articles/${id}?locale=en&depth=2`)

    await check(
      'Redis: an edit through instance A, and instance B’s next read is fresh',
      async () => {
        await warm(readB)
        await A.write('PATCH', `/api/articles/${id}?locale=en`, editor, {
          title: 'Edited through A',
          _status: 'published',
        })
        const after = await readB()
        assert(
          after.json.title === 'Edited through A',
          `B stale: ${after.json.title} (${xCache(after)})`,
        )
      },
    )

    await check(
      'Redis down: B logs once, serves nothing from its cache, never stale; back when Redis is',
      async () => {
        await warm(readB)
        await redis.stop()
        await sleep(500)
        const during = await readB()
        assert(xCache(during) === 'BYPASS', `with Redis down X-Cache ${xCache(during)}`)
        await A.write('PATCH', `/api/articles/${id}?locale=en`, editor, {
          title: 'Edited while Redis was down',
          _status: 'published',
        })
        const fresh = await readB()
        assert(
          fresh.json.title === 'Edited while Redis was down',
          `B stale while Redis down: ${fresh.json.title}`,
        )
        const logged = b
          .output()
          .split('\n')
          .filter((l) => l.includes('Redis unreachable')).length
        assert(logged === 1, `logged ${logged} times`)
        redis = await startRedisOn(redis.port)
        let back = false
        for (let i = 0; i < 50 && !back; i++) {
          await sleep(200)
          back = xCache(await readB()) === 'HIT'
        }
        assert(back, 'B did not cache again after Redis came back')
      },
    )
  } finally {
    await Promise.all([a.stop(), b.stop()])
    await redis.stop()
  }
}

async function startRedisOn(port: number) {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
    { stdio: 'ignore' },
  )
  for (let i = 0; i < 50; i++) {
    if (
      spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() ===
      'PONG'
    )
      break
    await sleep(100)
  }
  return {
    port,
    child,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
    },
  }
}

async function main() {
  console.log('Response cache on the real server')
  const env = envFor('single.db')
  const server = await startServer(env)
  try {
    const { id } = await correctness(server)
    await seedWhileRunning(server, env, id)
  } finally {
    await server.stop()
  }
  await twoInstances()
  fs.rmSync(tmp, { recursive: true, force: true })
  process.exit(summary())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
