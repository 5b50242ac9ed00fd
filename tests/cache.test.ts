import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import crypto from 'node:crypto'

import { purgeBus, type Purge } from '../src/features/cache/bus'
import { addTags, surrogateKeyOf } from '../src/features/cache/plugin'
import { ResponseStore } from '../src/features/cache/store'
import { api as apiFor } from './helpers/api'
import { createImage } from './helpers/fixtures'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

// The Payload side of the response cache: the tags a response declares (Surrogate-Key) and the
// purges writes send, through Payload's real REST and GraphQL handlers on SQLite.

let ctx: TestContext
let api: ReturnType<typeof apiFor>
const purges: Purge[] = []
const tagsOf = (headers: Headers) => (headers.get('surrogate-key') ?? '').split(' ').filter(Boolean)

let article: { id: string }
let teaser: { id: string }
let image: { id: string }
let editor: string

describe('response cache tags and purges', () => {
  beforeAll(async () => {
    ctx = await bootPayload()
    api = apiFor(ctx.config)
    purgeBus(ctx.payload).listen((purge) => purges.push(purge))
    editor = await loginAs(ctx.payload, 'cache-editor@example.com', ['editor'])
    image = await createImage(ctx.payload, 'Cache image', true)
    teaser = await ctx.payload.create({
      collection: 'related-articles',
      data: {
        title: 'Teaser',
        summary: 'Teaser summary',
        image: image.id,
        aiDisclosure: { origin: 'ai-generated' },
      },
    })
    article = await ctx.payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        title: 'Cached article',
        heroImage: image.id,
        relatedArticles: [teaser.id],
      },
    })
  })
  afterAll(() => shutdown(ctx))

  test('a REST read by id declares the article, its teasers, images and the Locale documents', async () => {
    const res = await api.get(`/articles/${article.id}?locale=de&depth=2`)
    expect(res.status).toBe(200)
    const tags = tagsOf(res.headers)
    expect(tags).toEqual(
      expect.arrayContaining([
        `articles:${article.id}`,
        `related-articles:${teaser.id}`,
        `images:${image.id}`,
      ]),
    )
    // Badge labels are read from the Locale documents straight through the database adapter (no
    // afterRead), so the badges carry the Locale collection's tag: any Locale change purges them.
    expect(tags).toContain('locales')
    expect(tags).not.toContain('articles') // not a list
    expect(tags).not.toContain('images') // population asks for ids
  })

  test('list and where queries carry the collection tag, also when nothing matches', async () => {
    const list = await api.get('/articles?locale=en&depth=1&limit=10&sort=-publishedAt')
    expect(tagsOf(list.headers)).toEqual(
      expect.arrayContaining(['articles', `articles:${article.id}`]),
    )
    const none = await api.get('/articles?where[slug][equals]=not-there-yet')
    expect(none.body.docs).toEqual([])
    expect(tagsOf(none.headers)).toEqual(['articles'])
  })

  test('a long list names its collection instead of each document, within the header budget', async () => {
    const many = Array.from({ length: 400 }, () => `articles:${crypto.randomUUID()}`)
    const req = { responseHeaders: new Headers() } as never
    addTags(req, [...many, 'images:1', 'global:consent'])
    const value = surrogateKeyOf(req)
    expect(value.length).toBeLessThanOrEqual(8 * 1024)
    expect(value.split(' ')).toEqual(
      expect.arrayContaining(['articles', 'images:1', 'global:consent']),
    )
  })

  test('GraphQL responses and globals declare their tags', async () => {
    const res = await api.graphql(
      `{ Articles(locale: de, limit: 5) { docs { title heroImage { alt } relatedArticles { summary badges { label } } } } }`,
    )
    expect(res.status).toBe(200)
    expect(tagsOf(res.headers)).toEqual(
      expect.arrayContaining([
        'articles',
        `articles:${article.id}`,
        `related-articles:${teaser.id}`,
        `images:${image.id}`,
      ]),
    )
    const consent = await api.get('/globals/consent?locale=de')
    expect(tagsOf(consent.headers)).toContain('global:consent')
  })

  test('a write purges its document and collection, again after the commit; globals too', async () => {
    purges.length = 0
    const res = await api.patch(`/related-articles/${teaser.id}?locale=en`, {
      token: editor,
      body: { summary: 'Changed' },
    })
    expect(res.status).toBe(200)
    const expected = [`related-articles:${teaser.id}`, 'related-articles']
    const matching = purges.filter((p) => p !== 'all' && expected.every((t) => p.includes(t)))
    expect(matching.length).toBeGreaterThanOrEqual(2) // in the hook and after the commit

    // The teaser's `usedIn` join lists the articles that link it: an article's save purges it.
    purges.length = 0
    await ctx.payload.update({
      collection: 'articles',
      id: article.id,
      data: { relatedArticles: [] },
    })
    expect(purges.some((p) => p !== 'all' && p.includes(`related-articles:${teaser.id}`))).toBe(
      true,
    )

    purges.length = 0
    await api.post('/globals/consent?locale=de', { token: editor, body: { title: 'Neu' } })
    expect(purges.some((p) => p !== 'all' && p.includes('global:consent'))).toBe(true)
  })
})

describe('the response store', () => {
  const entry = (tags: string[]) => ({
    body: Buffer.from('{}'),
    etag: 'W/"x"',
    tags,
    head: { identity: [], notModified: [] },
  })

  test('purges exactly the entries that carry a tag', () => {
    const store = new ResponseStore(1024 * 1024)
    store.set('/a', entry(['articles:1', 'images:1']), store.seq)
    store.set('/b', entry(['articles:2']), store.seq)
    store.purge(['images:1'])
    expect(store.get('/a')).toBeUndefined()
    expect(store.get('/b')).toBeDefined()
  })

  test('refuses an entry whose tags were purged while it was computed', () => {
    const store = new ResponseStore(1024 * 1024)
    const started = store.seq
    store.purge(['articles:1'])
    expect(store.set('/a', entry(['articles:1']), started)).toBe(false)
    expect(store.set('/b', entry(['articles:2']), started)).toBe(true)
    store.purge('all')
    expect(store.set('/c', entry(['articles:3']), started)).toBe(false)
    expect(store.get('/b')).toBeUndefined()
  })

  test('stays within its byte budget', () => {
    const store = new ResponseStore(100_000)
    for (let i = 0; i < 100; i++)
      store.set(`/${i}`, { ...entry([`a:${i}`]), body: Buffer.alloc(5000) }, store.seq)
    expect(store.bytes).toBeLessThanOrEqual(100_000)
    expect(store.size).toBeLessThan(20)
    expect(store.get('/99')).toBeDefined()
  })

  test('an answer over a sixteenth of the budget is not kept and pushes nothing out', () => {
    const store = new ResponseStore(160_000)
    for (let i = 0; i < 10; i++)
      store.set(`/${i}`, { ...entry([`a:${i}`]), body: Buffer.alloc(5000) }, store.seq)
    store.set('/huge', { ...entry(['a:huge']), body: Buffer.alloc(10_001) }, store.seq)
    store.set('/huge2', { ...entry(['a:huge']), body: Buffer.alloc(150_000) }, store.seq)
    expect(store.get('/huge')).toBeUndefined()
    expect(store.get('/huge2')).toBeUndefined()
    for (let i = 0; i < 10; i++) expect(store.get(`/${i}`)).toBeDefined()
    expect(store.size).toBe(10)
  })
})
