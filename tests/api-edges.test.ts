/**
 * API edges (issue 9 D) through Payload's real REST and GraphQL handlers: malformed JSON, real
 * messages on 4xx answers, the page-size limit, field size limits on every kind of save, and what
 * is logged. After each refused write nothing was stored.
 */
import fs from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { APIError, logError } from 'payload'

import { MISSING_RELATION_MESSAGE } from '../src/features/limits/clientErrors'
import { GRAPHQL_LIMITS } from '../src/features/limits/graphqlBody'
import {
  FIELD_LIMITS,
  INVALID_JSON_MESSAGE,
  MAX_PAGE_SIZE,
  SORT_LIMITS,
  WHERE_LIMITS,
} from '../src/features/limits/guards'
import { payloadApi, sendWebResponse, toWebRequest } from '../src/server/payloadApi'
import { misdirected, toOriginForm } from '../src/features/limits/requestTarget'
import { publicUrl } from '../src/server/publicUrl'
import { newestReaderPath, startMessage } from '../src/server/startMessage'
import { paragraphsToLexical } from '../src/utilities/richtext'
import { createImage, pngFile } from './helpers/fixtures'
import { bootAs, type Booted } from './helpers/boot'
import { shutdown, type TestContext } from './helpers/payload'

let ctx: TestContext, payload: Payload, client: Booted['client'], editor: string
beforeAll(async () => {
  ;({ ctx, token: editor, client } = await bootAs('edges-editor@example.com', ['editor']))
  payload = ctx.payload
})
afterAll(() => shutdown(ctx))

const message = (res: { body: any }) => res.body?.errors?.[0]?.message as string | undefined
const count = async (collection: 'articles' | 'related-articles' | 'images' | 'consent-records') =>
  (await payload.count({ collection, overrideAccess: true })).totalDocs
const versions = async (id: string) =>
  (await payload.countVersions({ collection: 'articles', where: { parent: { equals: id } } }))
    .totalDocs

const publishedArticle = async (title: string) =>
  (
    await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title, summary: 'Lead.', _status: 'published' } as never,
    })
  ).id as string

describe('malformed JSON → 400 "The request body is not valid JSON."', () => {
  test('REST create and update, consent records, GraphQL; nothing stored', async () => {
    const id = await publishedArticle('Unchanged by broken JSON')
    const before = {
      articles: await count('articles'),
      records: await count('consent-records'),
      versions: await versions(id),
    }

    const create = await client.post('/articles', { token: editor, rawBody: '{"title": ' })
    const update = await client.patch(`/articles/${id}`, {
      token: editor,
      rawBody: '{"title": "x"',
    })
    const record = await client.post('/consent-records', { rawBody: '{"acceptType": "all", ' })
    const graphql = await client.graphql(
      '',
      {},
      { token: editor, rawBody: '{"query": "mutation { createArticle(' },
    )
    for (const res of [create, update, record, graphql]) {
      expect(res.status).toBe(400)
      expect(message(res)).toBe(INVALID_JSON_MESSAGE)
    }

    expect(await count('articles')).toBe(before.articles)
    expect(await count('consent-records')).toBe(before.records)
    expect(await versions(id)).toBe(before.versions)
    const doc = await payload.findByID({ collection: 'articles', id, locale: 'en', draft: true })
    expect(doc.title).toBe('Unchanged by broken JSON')
  })
})

describe('4xx answers carry their real message', () => {
  test('the translation-status endpoint: 401 for anonymous, 400 for a bad locale', async () => {
    const anonymous = await client.get('/articles/translation-status?locale=de')
    expect(anonymous.status).toBe(401)
    expect(message(anonymous)).toBe('Log in to see translation status.')
    const teasers = await client.get('/related-articles/translation-status?locale=de')
    expect(teasers.status).toBe(401)
    expect(message(teasers)).toBe('Log in to see translation status.')
    const badLocale = await client.get('/articles/translation-status?locale=fr', { token: editor })
    expect(badLocale.status).toBe(400)
    expect(message(badLocale)).toMatch(/"locale" must be one of: en, de/)
  })

  test('Payload errors keep their message too (403, 404, unknown locale)', async () => {
    const forbidden = await client.post('/articles', { body: { title: 'Anonymous' } })
    expect(forbidden.status).toBe(403)
    expect(message(forbidden)).toBe('You are not allowed to perform this action.')
    const missing = await client.get('/articles/00000000-0000-4000-8000-000000000000', {
      token: editor,
    })
    expect(missing.status).toBe(404)
    expect(message(missing)).toBe('Not Found')
    const locale = await client.get('/articles?locale=fr')
    expect(locale.status).toBe(400)
    expect(message(locale)).toMatch(/^Unknown locale "fr"/)
  })
})

describe(`page size: limit from 1 to ${MAX_PAGE_SIZE}`, () => {
  let teaserId: string
  beforeAll(async () => {
    // more documents than one page may hold, so "all of them" and "one page" differ
    const existing = await count('articles')
    for (let i = existing; i <= MAX_PAGE_SIZE; i++) await publishedArticle(`Page filler ${i}`)
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'en',
      data: { summary: 'A teaser.' } as never,
    })
    teaserId = teaser.id as string
  })

  test.each(['100000', '101', '0', '-1', '2.5', 'all'])('REST ?limit=%s → 400', async (limit) => {
    const res = await client.get(`/articles?limit=${limit}`)
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(
      new RegExp(`^limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`),
    )
  })

  test('REST pagination=false, versions and join limits are refused too, for staff as well', async () => {
    for (const path of [
      '/articles?pagination=false',
      '/articles?pagination=false&limit=50',
      '/articles/versions?limit=1000',
      `/related-articles/${teaserId}?joins[usedIn][limit]=0`,
    ]) {
      const res = await client.get(path, { token: editor })
      expect([path, res.status]).toEqual([path, 400])
      expect(message(res)).toMatch(/limit|pagination/)
    }
  })

  test(`REST ?limit=${MAX_PAGE_SIZE} answers a full page, and page 2 the rest`, async () => {
    const first = await client.get(`/articles?depth=0&limit=${MAX_PAGE_SIZE}`)
    expect(first.status).toBe(200)
    expect(first.body.docs).toHaveLength(MAX_PAGE_SIZE)
    expect(first.body.totalDocs).toBeGreaterThan(MAX_PAGE_SIZE)
    const second = await client.get(`/articles?depth=0&limit=${MAX_PAGE_SIZE}&page=2`)
    expect(second.body.docs.length).toBe(first.body.totalDocs - MAX_PAGE_SIZE)
  })

  test('GraphQL: limit and pagination arguments, literal or variable', async () => {
    const refused = [
      client.graphql('{ Articles(limit: 0) { docs { id } } }'),
      client.graphql('{ Articles(limit: -1) { docs { id } } }'),
      client.graphql('{ Articles(limit: 100000) { docs { id } } }'),
      client.graphql('{ Articles(pagination: false) { docs { id } } }'),
      client.graphql('query ($n: Int) { Articles(limit: $n) { docs { id } } }', { n: 1000 }),
      client.graphql('{ versionsArticles(limit: 1000) { docs { id } } }', {}, { token: editor }),
    ]
    for (const res of await Promise.all(refused)) {
      expect(res.body.data).toBeUndefined()
      expect(res.body.errors[0].message).toMatch(
        /limit must be a whole number|pagination: false is not allowed/,
      )
    }
    const ok = await client.graphql(
      'query ($n: Int) { Articles(limit: $n) { docs { id } totalDocs } }',
      { n: MAX_PAGE_SIZE },
    )
    expect(ok.body.errors).toBeUndefined()
    expect(ok.body.data.Articles.docs).toHaveLength(MAX_PAGE_SIZE)
  })

  test('our own Local API calls are not limited, also inside a request (translation-status)', async () => {
    const all = await payload.find({ collection: 'articles', pagination: false, depth: 0 })
    expect(all.docs.length).toBeGreaterThan(MAX_PAGE_SIZE)
    const status = await client.get('/articles/translation-status?locale=de', { token: editor })
    expect(status.status).toBe(200)
    expect(status.body.total).toBe(all.docs.length)
  })
})

describe('field size limits, on drafts and published saves, REST and GraphQL', () => {
  const over = (n: number) => 'x'.repeat(n + 1)
  const hugeBody = paragraphsToLexical(['y'.repeat(FIELD_LIMITS.richTextBytes)])
  const cases = [
    { field: 'title', value: over(300), gql: `title: "${over(300)}"` },
    { field: 'summary', value: over(2000), gql: `summary: "${over(2000)}"` },
    { field: 'body', value: hugeBody, gql: null },
  ]

  test.each(cases)(
    'articles.$field: REST create/update × draft/published → 400 naming the field; nothing stored',
    async ({ field, value }) => {
      const id = await publishedArticle(`Limits ${field}`)
      const before = { articles: await count('articles'), versions: await versions(id) }
      for (const draft of [true, false]) {
        const status = draft ? {} : { _status: 'published' }
        const create = await client.post(`/articles?locale=en${draft ? '&draft=true' : ''}`, {
          token: editor,
          body: { title: 'New', ...status, [field]: value },
        })
        const update = await client.patch(
          `/articles/${id}?locale=de${draft ? '&draft=true' : ''}`,
          { token: editor, body: { ...status, [field]: value } },
        )
        for (const res of [create, update]) {
          expect(res.status).toBe(400)
          expect(res.body.errors[0].data.errors).toEqual([
            expect.objectContaining({
              path: field,
              message: expect.stringMatching(new RegExp(`^${field} is too (long|large)`)),
            }),
          ])
          expect(message(res)).toBe(`The following field is invalid: ${field}`)
        }
      }
      expect(await count('articles')).toBe(before.articles)
      expect(await versions(id)).toBe(before.versions)
      const doc = await payload.findByID({
        collection: 'articles',
        id,
        locale: 'de',
        fallbackLocale: false,
        draft: true,
      })
      expect(doc[field as 'title']).toBeFalsy()
    },
  )

  test('articles over GraphQL: create and update, draft and published', async () => {
    const id = await publishedArticle('Limits GraphQL')
    const before = { articles: await count('articles'), versions: await versions(id) }
    for (const { field, gql } of cases.filter((c) => c.gql)) {
      for (const draft of [true, false]) {
        const status = draft ? '' : ', _status: published'
        const create = await client.graphql(
          `mutation { createArticle(draft: ${draft}, data: { ${gql}${status} }) { id } }`,
          {},
          { token: editor },
        )
        const update = await client.graphql(
          `mutation { updateArticle(id: "${id}", draft: ${draft}, locale: de, data: { ${gql}${status} }) { id } }`,
          {},
          { token: editor },
        )
        for (const res of [create, update]) {
          const error = res.body.errors?.[0]
          expect(error?.message).toBe(`The following field is invalid: ${field}`)
          expect(error.extensions.statusCode).toBe(400)
          expect(error.extensions.data.errors[0].path).toBe(field)
        }
      }
    }
    const body = await client.graphql(
      'mutation ($body: JSON) { updateArticle(id: "' +
        id +
        '", draft: true, data: { body: $body }) { id } }',
      { body: hugeBody },
      { token: editor },
    )
    expect(body.body.errors?.[0]?.message).toBe('The following field is invalid: body')
    expect(await count('articles')).toBe(before.articles)
    expect(await versions(id)).toBe(before.versions)
  })

  test('exactly at the limit is stored', async () => {
    const title = 'x'.repeat(300)
    const res = await client.post('/articles?locale=en&draft=true', {
      token: editor,
      body: { title, summary: 's'.repeat(2000) },
    })
    expect(res.status).toBe(201)
    const doc = await payload.findByID({
      collection: 'articles',
      id: res.body.doc.id,
      locale: 'en',
      draft: true,
    })
    expect(doc.title).toBe(title)
  })

  test('teasers: title and summary, REST and GraphQL', async () => {
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'en',
      data: { summary: 'Kept.' } as never,
    })
    const before = await count('related-articles')
    for (const [field, value] of [
      ['title', over(300)],
      ['summary', over(2000)],
    ] as const) {
      const create = await client.post('/related-articles?locale=en', {
        token: editor,
        body: { summary: 'ok', [field]: value },
      })
      const update = await client.patch(`/related-articles/${teaser.id}?locale=en`, {
        token: editor,
        body: { [field]: value },
      })
      for (const res of [create, update]) {
        expect(res.status).toBe(400)
        expect(res.body.errors[0].data.errors[0].path).toBe(field)
      }
      const gql = await client.graphql(
        `mutation { updateRelatedArticle(id: "${teaser.id}", data: { ${field}: "${value}" }) { id } }`,
        {},
        { token: editor },
      )
      expect(gql.body.errors?.[0]?.message).toBe(`The following field is invalid: ${field}`)
    }
    expect(await count('related-articles')).toBe(before)
    const stored = await payload.findByID({
      collection: 'related-articles',
      id: teaser.id,
      locale: 'en',
    })
    expect(stored.summary).toBe('Kept.')
    expect(stored.title ?? null).toBeNull()
  })

  test('images: alt on upload (multipart) and update; no file written', async () => {
    const image = await createImage(payload, 'A short alt text')
    const filesBefore = fs.readdirSync(ctx.mediaDir).length
    const before = await count('images')

    const form = new FormData()
    const file = await pngFile('too-long-alt.png')
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.name)
    form.append('_payload', JSON.stringify({ alt: over(1000) }))
    const upload = await REST_POST(ctx.config as never)(
      new Request('http://localhost/api/images?locale=en', {
        method: 'POST',
        headers: { authorization: `JWT ${editor}` },
        body: form,
      }),
      { params: Promise.resolve({ slug: ['images'] }) },
    )
    const uploadBody = (await upload.json()) as any
    expect(upload.status).toBe(400)
    expect(uploadBody.errors[0].data.errors[0].path).toBe('alt')

    const update = await client.patch(`/images/${image.id}?locale=de`, {
      token: editor,
      body: { alt: over(1000) },
    })
    expect(update.status).toBe(400)
    expect(update.body.errors[0].data.errors[0]).toEqual({
      path: 'alt',
      message: 'alt is too long: 1001 characters; at most 1000.',
    })

    expect(await count('images')).toBe(before)
    expect(fs.readdirSync(ctx.mediaDir).length).toBe(filesBefore)
    const stored = await payload.findByID({
      collection: 'images',
      id: image.id,
      locale: 'de',
      fallbackLocale: false,
    })
    expect(stored.alt ?? null).toBeNull()
  })

  test('every text field has a limit, also without its own maxLength (e.g. an image caption)', async () => {
    const image = await createImage(payload, 'Caption limit')
    const res = await client.patch(`/images/${image.id}?locale=en`, {
      token: editor,
      body: { caption: over(FIELD_LIMITS.text) },
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].data.errors[0].path).toBe('caption')
  })
})

describe('logging: client errors at info without a stack, server errors at error', () => {
  test('4xx from REST, GraphQL and Payload itself are logged at info as one line', async () => {
    const info = jest.spyOn(payload.logger, 'info')
    try {
      await client.get('/articles/translation-status?locale=de')
      await client.post('/articles', { token: editor, rawBody: '{' })
      await client.get('/articles?limit=0')
      await client.graphql(
        `mutation { createArticle(draft: true, data: { title: "${'z'.repeat(301)}" }) { id } }`,
        {},
        { token: editor },
      )
      const login = await client.post('/users/login', {
        body: { email: 'edges-editor@example.com', password: 'wrong-password' },
      })
      expect(login.status).toBe(401)
      const lines = info.mock.calls.map((call) => call[0])
      expect(lines).toEqual(
        expect.arrayContaining([
          '401 Log in to see translation status.',
          '400 Invalid JSON',
          expect.stringMatching(/^400 limit must be a whole number/),
          '400 The following field is invalid: title',
          `401 ${message(login)}`,
        ]),
      )
      expect(
        lines.every((line) => typeof line === 'string' || !(line as { err?: unknown }).err),
      ).toBe(true)
    } finally {
      info.mockRestore()
    }
  })

  test('a server error stays at error with its stack', () => {
    const info = jest.spyOn(payload.logger, 'info')
    const write = jest.spyOn(payload.logger, 'error')
    try {
      logError({ err: new APIError('The database went away.', 500), payload })
      expect(info).not.toHaveBeenCalled()
      expect(write).toHaveBeenCalledWith({
        err: expect.objectContaining({
          message: 'The database went away.',
          stack: expect.any(String),
        }),
      })
    } finally {
      info.mockRestore()
      write.mockRestore()
    }
  })
})

describe('query shape and relations Payload would answer with a 500', () => {
  test('?where=x (not JSON) and ?where=1 (not an object) → 400 with what to write instead', async () => {
    for (const path of [
      '/articles?where=x',
      '/articles/count?where=x',
      '/articles?where=1',
      '/articles?where=%7B',
    ]) {
      const res = await client.get(path)
      expect([path, res.status]).toEqual([path, 400])
      expect(message(res)).toMatch(/`where` parameter .*where\[/)
    }
    const json = await client.get(
      `/articles?where=${encodeURIComponent('{"title":{"equals":"none"}}')}`,
    )
    expect(json.status).toBe(200)
  })

  test(`sort over more than ${SORT_LIMITS.fields} paths or deeper than ${SORT_LIMITS.segments} segments → 400 before any query (REST, GraphQL)`, async () => {
    const paths = [
      'heroImage.alt',
      'relatedArticles.title',
      'relatedArticles.image.alt',
      'relatedArticles.article.heroImage.alt',
      'language.code',
    ]
    const many = Array.from({ length: 70 }, (_, i) => paths[i % paths.length]).join(',')
    const error = jest.spyOn(payload.logger, 'error')
    try {
      const rest = await client.get(`/articles?sort=${encodeURIComponent(many)}`)
      expect(rest.status).toBe(400)
      expect(message(rest)).toBe(`Sort by at most ${SORT_LIMITS.fields} fields (got 70).`)
      const deep = await client.get('/articles?sort=relatedArticles.article.heroImage.alt.x')
      expect(deep.status).toBe(400)
      const graphql = await client.graphql(`{ Articles(sort: "${many}") { docs { id } } }`)
      expect(graphql.body.errors?.[0]?.message).toBe(
        `Sort by at most ${SORT_LIMITS.fields} fields (got 70).`,
      )
      // No failed query (Payload logs the refusal itself, which our logger turns into an info line).
      const logged = error.mock.calls.map((call) => (call[0] as { err?: Error }).err?.message)
      expect(logged.filter((m) => !m || /Failed query/.test(m))).toEqual([])
    } finally {
      error.mockRestore()
    }
    // The limit itself still answers.
    const within = await client.get(`/articles?sort=${encodeURIComponent(paths.join(','))}`)
    expect(within.status).toBe(200)
  })

  test('a lock document whose user does not exist → 400, nothing stored', async () => {
    const id = await publishedArticle('Locked by nobody')
    const before = await payload.count({ collection: 'payload-locked-documents' })
    const res = await client.post('/payload-locked-documents', {
      token: editor,
      body: {
        document: { relationTo: 'articles', value: id },
        user: { relationTo: 'users', value: 'not-a-user' },
      },
    })
    expect(res.status).toBe(400)
    expect(message(res)).toBe(MISSING_RELATION_MESSAGE)
    expect((await payload.count({ collection: 'payload-locked-documents' })).totalDocs).toBe(
      before.totalDocs,
    )
  })

  test('a rich-text link whose url is an object → 400 naming the link rule (REST and GraphQL)', async () => {
    const id = await publishedArticle('Link target object')
    const body = paragraphsToLexical(['Text']) as any
    body.root.children[0].children = [
      {
        type: 'link',
        version: 3,
        fields: { linkType: 'custom', url: { href: 'https://example.com' }, newTab: false },
        children: [
          { type: 'text', text: 'x', version: 1, detail: 0, format: 0, mode: 'normal', style: '' },
        ],
        direction: 'ltr',
        format: '',
        indent: 0,
      },
    ]
    const rest = await client.patch(`/articles/${id}?locale=en&draft=true`, {
      token: editor,
      body: { body },
    })
    expect(rest.status).toBe(400)
    expect(JSON.stringify(rest.body)).toMatch(/Links must be/)
    const graphql = await client.graphql(
      'mutation($id: String!, $data: mutationArticleUpdateInput!) { updateArticle(id: $id, data: $data, draft: true) { id } }',
      { id, data: { body } },
      { token: editor },
    )
    expect(graphql.body.errors?.[0]?.extensions?.statusCode).toBe(400)
  })
})

describe('the request target names no host (absolute form)', () => {
  test('GET http://evil.example/api/… over a socket: JSON-LD URLs stay on PUBLIC_URL', async () => {
    const image = await createImage(payload, 'Absolute form image')
    const { id } = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        title: 'Absolute form',
        summary: 'Lead.',
        heroImage: image.id,
        _status: 'published',
      } as never,
    })
    const handler = payloadApi(ctx.config)
    // No originForm() in front (src/server/serve.ts has it): the bridge itself takes only the path.
    const server = http.createServer((req, res) => {
      void handler(toWebRequest(req)).then((response) => sendWebResponse(req, res, response))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const raw = await new Promise<string>((resolve, reject) => {
        let out = ''
        const socket = net.connect(port, '127.0.0.1', () =>
          socket.write(
            `GET http://evil.example/api/ai-disclosure/json-ld/articles/${id}?locale=en HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
          ),
        )
        socket.on('data', (d) => (out += d))
        socket.on('end', () => resolve(out))
        socket.on('error', reject)
      })
      expect(raw).toMatch(/^HTTP\/1.1 200/)
      expect(raw).toContain(publicUrl())
      expect(raw).not.toContain('evil.example')
    } finally {
      server.close()
    }
  })

  test.each([
    ['http://evil.example/api/articles?x=1', '/api/articles?x=1'],
    ['https://evil.example:8443/', '/'],
    ['/api/articles', '/api/articles'],
    ['*', '*'],
  ])('toOriginForm(%j) → %j', (target, expected) => {
    expect(toOriginForm(target)).toBe(expected)
  })

  test.each([
    ['http://evil.example/api/articles', 421],
    ['https://news.example:8443/', 421],
    ['http://[::1', 400],
    ['https://news.example/api/articles', undefined],
    ['/api/articles', undefined],
    ['*', undefined],
  ])('misdirected(%j) → %j: absolute form only for the site itself', (target, status) => {
    expect(misdirected(target, ['https://news.example'])?.status).toBe(status)
  })
})

describe('the start message', () => {
  test('links the newest article in a locale it is published in, from PUBLIC_URL', async () => {
    const english = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        title: 'English only, newest',
        summary: 'Lead.',
        _status: 'published',
        publishedAt: '2099-01-01T00:00:00.000Z',
      } as never,
    })
    const path = await newestReaderPath(payload)
    expect(path).toBe(`/en/articles/${english.slug}`)
    const lines = startMessage({
      dev: false,
      database: 'sqlite',
      readerPath: path,
      env: { PUBLIC_URL: 'http://127.0.0.1:3400' },
    })
    expect(lines).toEqual([
      'Newsroom CMS ready (production, sqlite): http://127.0.0.1:3400/admin',
      `Reader page of the newest article: http://127.0.0.1:3400/en/articles/${english.slug}`,
    ])
  })
})

describe('review: inputs Payload answered with a 500, now a 400 before the query or the save', () => {
  const formQuery = (collection: string, query: string) =>
    client.post(`/${collection}`, {
      rawBody: query,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-http-method-override': 'GET',
      },
    })

  test('a date filter whose value is no date → 400; a valid one finds the article', async () => {
    const id = await publishedArticle('Dated for the date filter')
    for (const q of [
      'where[publishedAt][greater_than]=notadate',
      'where[publishedAt][equals]=x',
      'where[createdAt][less_than]=yesterday',
      'where[publication.en.firstPublishedAt][greater_than]=abc',
    ]) {
      const res = await client.get(`/articles?locale=en&${q}`)
      expect([q, res.status]).toEqual([q, 400])
      expect(message(res)).toMatch(/is not a date: .*ISO 8601/)
    }
    const graphql = await client.graphql(
      '{ Articles(locale: en, where: { publishedAt: { greater_than: "notadate" } }) { docs { id } } }',
    )
    expect(graphql.body.errors?.[0]?.message).toBeTruthy() // GraphQL's DateTime refuses it itself
    const valid = await client.get(
      `/articles?locale=en&where[publishedAt][greater_than]=2000-01-01&where[id][equals]=${id}`,
    )
    expect(valid.status).toBe(200)
    expect(valid.body.docs.map((d: { id: string }) => d.id)).toEqual([id])
  })

  test('an operator that does not apply to the field → 400; like still answers', async () => {
    for (const q of [
      'where[title][near]=1,2,3,4',
      'where[title][within]=1',
      'where[publishedAt][intersects]=1',
      'where[slug][all]=x',
    ]) {
      const res = await client.get(`/articles?locale=en&${q}`)
      expect([q, res.status]).toEqual([q, 400])
      expect(message(res)).toMatch(/the operator "\w+" does not apply to this \w+ field/)
    }
    expect((await client.get('/articles?locale=en&where[title][like]=dated')).status).toBe(200)
  })

  test('a value of the wrong JSON type → 400 naming the field, drafts too; nothing stored', async () => {
    const id = await publishedArticle('Typed fields')
    const before = { articles: await count('articles'), versions: await versions(id) }
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['POST', '/articles?locale=en', { title: 'ok', summary: ['y'] }, 'summary'],
      ['POST', '/articles?locale=en&draft=true', { title: 'ok', summary: ['y'] }, 'summary'],
      ['POST', '/articles?locale=en', { title: 'ok', body: 'plain <b>string</b>' }, 'body'],
      ['POST', '/articles?locale=en', { title: 5 }, 'title'],
      ['PATCH', `/articles/${id}?locale=en`, { summary: ['x'] }, 'summary'],
      ['PATCH', `/articles/${id}?locale=en&draft=true`, { publishedAt: ['x'] }, 'publishedAt'],
      ['PATCH', `/articles/${id}?locale=en`, { _status: { a: 1 } }, '_status'],
    ]
    for (const [method, path, body, field] of cases) {
      const send = method === 'POST' ? client.post : client.patch
      const res = await send(path, { token: editor, body })
      expect([method, path, field, res.status]).toEqual([method, path, field, 400])
      expect(res.body.errors[0].data.errors[0].path).toBe(field)
      expect(res.body.errors[0].data.errors[0].message).toMatch(new RegExp(`^${field} must be `))
    }
    expect(await count('articles')).toBe(before.articles)
    expect(await versions(id)).toBe(before.versions)

    // Every field type of an article, well typed, is saved.
    const ok = await client.post('/articles?locale=en', {
      token: editor,
      body: {
        title: 'Every field type',
        summary: 'A summary.',
        body: paragraphsToLexical(['A paragraph.']),
        publishedAt: '2026-01-31T12:00:00.000Z',
        slug: 'every-field-type',
        _status: 'draft',
      },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.doc.body.root.children).toHaveLength(1)
  })

  test('wrongType: numbers, checkboxes, selects, hasMany lists, null', async () => {
    const { wrongType } = await import('../src/features/limits/fieldTypes')
    const f = (type: string, extra = {}) => ({ name: 'x', type, ...extra }) as never
    expect(wrongType(f('number'), 3)).toBeUndefined()
    expect(wrongType(f('number'), NaN)).toBe('a number')
    expect(wrongType(f('checkbox'), 'yes')).toBe('true or false')
    expect(wrongType(f('checkbox'), false)).toBeUndefined()
    expect(wrongType(f('select'), ['a'])).toMatch(/one of its options/)
    expect(wrongType(f('select', { hasMany: true }), ['a', 'b'])).toBeUndefined()
    expect(wrongType(f('email'), {})).toBe('a string')
    expect(wrongType(f('text'), null)).toBeUndefined()
    expect(wrongType(f('date'), new Date())).toBeUndefined()
  })

  test('a join sorted by a localized field → 400; by a column of its own it sorts', async () => {
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'en',
      data: { title: 'Join sort teaser', summary: 'Teaser.' } as never,
    })
    const older = await publishedArticle('Older user of the teaser')
    const newer = await publishedArticle('Newer user of the teaser')
    for (const [article, publishedAt] of [
      [older, '2020-01-01T00:00:00.000Z'],
      [newer, '2024-01-01T00:00:00.000Z'],
    ])
      await payload.update({
        collection: 'articles',
        id: article,
        locale: 'en',
        data: { relatedArticles: [teaser.id], publishedAt } as never,
      })
    for (const sort of ['-title', 'summary', 'language.code']) {
      const res = await client.get(
        `/related-articles/${teaser.id}?locale=en&joins[usedIn][sort]=${sort}&joins[usedIn][limit]=10`,
      )
      expect([sort, res.status]).toEqual([sort, 400])
      expect(message(res)).toMatch(/^joins\[usedIn\]\[sort\] can sort by a field of the joined/)
    }
    const sorted = await client.get(
      `/related-articles/${teaser.id}?locale=en&joins[usedIn][sort]=-publishedAt&joins[usedIn][limit]=10`,
    )
    expect(sorted.status).toBe(200)
    expect(sorted.body.usedIn.docs.map((d: { id: string }) => d.id)).toEqual([newer, older])
  })

  test(`a where joining over ${WHERE_LIMITS.joins} tables (estimated) → 400 before the query; fewer pass`, async () => {
    const path = 'relatedArticles.article.relatedArticles.article.title'
    const conditions = (n: number, p = path) =>
      Array.from({ length: n }, (_, i) => `where[or][${i}][${p}][like]=x${i}`).join('&')
    const error = jest.spyOn(payload.logger, 'error')
    try {
      for (const n of [4, 20, 100]) {
        const res = await formQuery('articles', `locale=en&${conditions(n)}`)
        expect([n, res.status]).toEqual([n, 400])
        expect(message(res)).toMatch(/joins too many tables/)
      }
      // No failed query (Payload logs the refusal itself, which our logger turns into an info line).
      const logged = error.mock.calls.map((call) => (call[0] as { err?: Error }).err?.message)
      expect(logged.filter((m) => !m || /Failed query/.test(m))).toEqual([])
    } finally {
      error.mockRestore()
    }
    expect((await formQuery('articles', `locale=en&${conditions(1)}`)).status).toBe(200)
    expect(
      (await formQuery('articles', `locale=en&${conditions(6, 'relatedArticles.article.title')}`))
        .status,
    ).toBe(200)
    expect((await formQuery('articles', `locale=en&${conditions(100, 'title')}`)).status).toBe(200)
  })

  test('?where=%7Bbad is logged at info as one line, not at error with a stack', async () => {
    const info = jest.spyOn(payload.logger, 'info')
    const error = jest.spyOn(payload.logger, 'error')
    try {
      const res = await client.get('/articles?where=%7Bbad')
      expect(res.status).toBe(400)
      // Payload logs it as an error; the logger writes it as one info line without the stack.
      expect(error).toHaveBeenCalledTimes(1)
      expect(info.mock.calls.map((c) => c[0])).toEqual([
        expect.stringMatching(/^400 The where\/data query parameter is not valid JSON/),
      ])
    } finally {
      info.mockRestore()
      error.mockRestore()
    }
  })
})

describe('review: bodies parsed or walked before any check', () => {
  test('a consent record nested 50,000 levels → 400 too large (was a stack overflow, 500); a normal one is stored', async () => {
    const before = await count('consent-records')
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)
    const res = await client.post('/consent-records', {
      rawBody: deep,
      headers: { 'x-forwarded-for': '203.0.113.61' },
    })
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(/^The consent record is too large \(over \d+ bytes; at most 4096/)
    // With its Content-Length declared, a large flat body is refused on that number alone.
    const flat = JSON.stringify({ acceptType: 'all', note: 'x'.repeat(1_300_000) })
    const started = performance.now()
    const declared = await client.post('/consent-records', {
      rawBody: flat,
      headers: { 'content-length': String(flat.length), 'x-forwarded-for': '203.0.113.62' },
    })
    expect(declared.status).toBe(400)
    expect(message(declared)).toBe(
      `The consent record is too large (${flat.length} bytes; at most 4096 bytes).`,
    )
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await count('consent-records')).toBe(before)
    const consent = await client.get('/globals/consent?locale=en')
    const ok = await client.post('/consent-records?locale=en', {
      body: { acceptType: 'necessary', revision: consent.body.revision },
      headers: { 'x-forwarded-for': '203.0.113.63' },
    })
    expect(ok.status).toBe(201)
  })

  test(`GraphQL: over ${GRAPHQL_LIMITS.anonymousBytes / 1024} KB without a credential → 413, over ${GRAPHQL_LIMITS.tokens} tokens → 400, before parsing; ordinary queries answer`, async () => {
    const skip = `{ Articles(locale: en) { docs { ${'title @skip(if: false) '.repeat(125_000)} } } }`
    expect(Buffer.byteLength(skip)).toBeGreaterThan(2_000_000)
    const anonymous = await client.graphql(skip)
    expect(anonymous.status).toBe(413)
    expect(message(anonymous)).toMatch(/^The GraphQL request is too large/)
    const variables = `query (${Array.from({ length: 30_000 }, (_, i) => `$v${i}: Int`).join(', ')}) { Articles(locale: en) { docs { id } } }`
    const argument = `{ Articles(locale: en, where: { title: { equals: "${'x'.repeat(1_000_000)}" } }) { docs { id } } }`
    for (const document of [skip, variables, argument]) {
      const started = performance.now()
      const res = await client.graphql(document, {}, { token: editor })
      const ms = performance.now() - started
      if (document === argument) {
        // Few tokens: parsed, and refused by the field limits of `where` (a like/equals of 1 MB).
        expect(res.status).toBeLessThan(500)
        continue
      }
      expect(res.status).toBe(400)
      expect(message(res)).toMatch(/^The GraphQL document has more than \d+ tokens/)
      expect(ms).toBeLessThan(500) // ~20 ms on an idle machine; was 410 ms to 1.9 s
    }
    const ordinary = await client.graphql(
      '{ Articles(locale: en, limit: 5) { docs { title summary badges { label } } } }',
    )
    expect(ordinary.status).toBe(200)
    expect(ordinary.body.errors).toBeUndefined()
    expect(Array.isArray(ordinary.body.data.Articles.docs)).toBe(true)
  })
})
