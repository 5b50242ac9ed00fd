import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { PUBLIC_MARK_HEADER, publicMarkValue } from '../../src/features/cache/publicMark'
import { articlePageGET } from '../../src/features/site/handlers'
import { api as apiFor, type ApiResponse } from '../helpers/api'
import { createImage } from '../helpers/fixtures'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'
import { createDeveloper } from '../helpers/users'

// The public mark (src/features/cache/publicMark.ts) through Payload's real REST and GraphQL handlers and
// the reader page's handler: present only when every operation of the request was an anonymous,
// public read. The cases are generated from the config's collections and globals.

let ctx: TestContext
let api: ReturnType<typeof apiFor>
let editor: string
let apiKey: string
let article: { id: string; slug?: string | null }
const marked = (res: { headers: Headers }) =>
  res.headers.get(PUBLIC_MARK_HEADER) === publicMarkValue(ctx.payload)

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' }

type Credential = {
  name: string
  opts: { token?: string; apiKey?: string; headers?: Record<string, string> }
}
const credentials = (): Credential[] => [
  { name: 'JWT header', opts: { token: editor } },
  { name: 'API key', opts: { apiKey } },
  // A browser's own request: Payload's csrf check honours a login cookie only from the site itself.
  { name: 'cookie', opts: { headers: { cookie: `payload-token=${editor}`, ...SAME_ORIGIN } } },
  {
    name: 'cookie with a space',
    opts: { headers: { cookie: `payload-token =${editor}`, ...SAME_ORIGIN } },
  },
]

describe('the public mark', () => {
  beforeAll(async () => {
    ctx = await bootPayload()
    api = apiFor(ctx.config)
    editor = await loginAs(ctx.payload, 'mark-editor@example.com', ['editor'])
    ;({ apiKey } = await createDeveloper(ctx.payload, 'mark-dev@example.com'))
    const image = await createImage(ctx.payload, 'Mark image', true)
    const teaser = await ctx.payload.create({
      collection: 'related-articles',
      data: { title: 'Mark teaser', summary: 'Summary', image: image.id },
    })
    article = await ctx.payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        title: 'Marked article',
        heroImage: image.id,
        relatedArticles: [teaser.id],
      },
    })
  })
  afterAll(() => shutdown(ctx))

  test('every anonymous list, count and read by id of every collection and global that answers 200 is marked', async () => {
    const seen: string[] = []
    for (const { slug } of ctx.config.collections) {
      const list = await api.get(`/${slug}?limit=1&depth=1&locale=de`)
      if (list.status !== 200) {
        expect(marked(list)).toBe(false)
        continue
      }
      seen.push(slug)
      expect([slug, marked(list)]).toEqual([slug, true])
      const count = await api.get(`/${slug}/count`)
      expect([slug, count.status, marked(count)]).toEqual([slug, 200, true])
      const id = list.body.docs[0]?.id
      if (id) {
        const one = await api.get(`/${slug}/${id}?depth=2&locale=de`)
        expect([slug, one.status, marked(one)]).toEqual([slug, 200, true])
      }
    }
    for (const { slug } of ctx.config.globals) {
      const read = await api.get(`/globals/${slug}?locale=de`)
      expect([slug, read.status, marked(read)]).toEqual([slug, 200, true])
      seen.push(`global:${slug}`)
    }
    expect(seen).toEqual(expect.arrayContaining(['articles', 'related-articles', 'images']))
  })

  test('no credential form, no draft, no version read and no write is ever marked', async () => {
    const reads: ApiResponse[] = []
    for (const { slug, versions } of ctx.config.collections) {
      for (const { opts } of credentials()) reads.push(await api.get(`/${slug}?limit=1`, opts))
      reads.push(await api.get(`/${slug}?limit=1&draft=true`))
      if (versions) {
        reads.push(await api.get(`/${slug}/versions?limit=1`))
        for (const { opts } of credentials())
          reads.push(await api.get(`/${slug}/versions?limit=1`, opts))
      }
    }
    for (const { slug, versions } of ctx.config.globals) {
      for (const { opts } of credentials()) reads.push(await api.get(`/globals/${slug}`, opts))
      reads.push(await api.get(`/globals/${slug}?draft=true`))
      if (versions) reads.push(await api.get(`/globals/${slug}/versions?limit=1`))
    }
    reads.push(await api.get('/users/me'))
    for (const { opts } of credentials()) reads.push(await api.get('/users/me', opts))
    reads.push(
      await api.post('/consent-records', {
        body: { acceptType: 'necessary', revision: 1, locale: 'de' },
      }),
    )
    reads.push(await api.patch(`/articles/${article.id}`, { token: editor, body: { title: 'x' } }))
    expect(reads.length).toBeGreaterThan(20)
    expect(reads.filter(marked).map((r) => r.status)).toEqual([])
  })

  test('GraphQL: a query is marked; draft, versions, mutations and credentials are not, whatever the spelling', async () => {
    const query = `{ Articles(limit: 1) { docs { title } } }`
    expect(marked(await api.graphql(query, {}, { locale: 'de' }))).toBe(true)
    const unmarked = [
      await api.graphql(`{ Articles(draft: true, limit: 1) { docs { title } } }`),
      await api.graphql(`{ Articles(draft # c\n: true, limit: 1) { docs { title } } }`),
      await api.graphql(
        `query ($d: Boolean) { Articles(draft: $d, limit: 1) { docs { title } } }`,
        {
          d: true,
        },
      ),
      await api.graphql(`{ versionsArticles(limit: 1) { docs { id } } }`),
      await api.graphql(
        `mutation { createConsentRecord(data: { acceptType: necessary, revision: 1 }) { id } }`,
      ),
      ...(await Promise.all(credentials().map(({ opts }) => api.graphql(query, {}, opts)))),
    ]
    expect(unmarked.map(marked)).toEqual(unmarked.map(() => false))
    // A version read that Payload refuses runs no hook after it: the answer carries its error,
    // and the response cache keeps no GraphQL answer with errors (nor any naming a version field).
    const mixed = await api.graphql(
      `{ Articles(limit: 1) { docs { title } } v: versionsArticles { docs { id } } }`,
    )
    expect(mixed.body.errors?.length).toBeGreaterThan(0)
  })

  test('the reader page is marked for anonymous readers only', async () => {
    const get = (headers: Record<string, string> = {}, query = '') =>
      articlePageGET(ctx.config)(
        new Request(`http://localhost/de/articles/${article.slug}${query}`, { headers }),
        { params: Promise.resolve({ locale: 'de', slug: article.slug! }) },
      )
    const anonymous = await get()
    expect([anonymous.status, marked(anonymous)]).toEqual([200, true])
    const unknown = await articlePageGET(ctx.config)(
      new Request('http://localhost/de/articles/nope'),
      {
        params: Promise.resolve({ locale: 'de', slug: 'nope' }),
      },
    )
    expect([unknown.status, marked(unknown)]).toEqual([404, true])
    for (const cookie of [`payload-token=${editor}`, `payload-token =${editor}`]) {
      expect(marked(await get({ cookie, ...SAME_ORIGIN }))).toBe(false)
      expect(marked(await get({ cookie, ...SAME_ORIGIN }, '?preview=1'))).toBe(false)
    }
    expect(marked(await get({ authorization: `users API-Key ${apiKey}` }))).toBe(false)
    expect(marked(await get({}, '?preview=1'))).toBe(false)
  })
})
