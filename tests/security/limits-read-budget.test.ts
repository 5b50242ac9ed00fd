/**
 * The read budget (src/features/limits/readBudget.ts) through Payload's real REST and GraphQL
 * handlers, on articles whose teasers link back to articles (the shape that made `depth=10` cost
 * 1.6 s and twelve aliased GraphQL lists 1.7 s): over-budget reads are a 400 naming the limit before
 * Payload populates anything; the largest allowed reads answer with the documents populated.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { READ_BUDGET } from '../../src/features/limits/guards'
import { paragraphsToLexical } from '../../src/utilities/richtext'
import { api } from '../helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext
let client: ReturnType<typeof api>
let editor: string
const ARTICLES = 40
const gqlAccept = { accept: 'application/graphql-response+json' }
const message = (res: { body: any }) => res.body?.errors?.[0]?.message as string | undefined

beforeAll(async () => {
  ctx = await bootPayload()
  client = api(ctx.config)
  editor = await loginAs(ctx.payload, 'budget-editor@example.com', ['editor'])
  const payload = ctx.payload
  const ids: string[] = []
  for (let a = 0; a < ARTICLES; a++) {
    const doc = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        _status: 'published',
        title: `Budget story ${a}`,
        summary: `Lead ${a}.`,
        body: paragraphsToLexical([`Paragraph of story ${a}.`]),
      } as never,
    })
    ids.push(String(doc.id))
  }
  for (let a = 0; a < ARTICLES; a++) {
    const teasers: string[] = []
    for (const t of [1, 2]) {
      const teaser = await payload.create({
        collection: 'related-articles',
        locale: 'en',
        data: {
          title: `Teaser ${a}-${t}`,
          summary: `Teaser lead ${a}-${t}.`,
          article: ids[(a + t) % ARTICLES],
        } as never,
      })
      teasers.push(String(teaser.id))
    }
    await payload.update({
      collection: 'articles',
      id: ids[a]!,
      locale: 'en',
      data: { relatedArticles: teasers, _status: 'published' } as never,
    })
  }
})
afterAll(() => shutdown(ctx))

describe('REST: depth and documents per read', () => {
  test.each(['4', '10', '-1', 'x', '2.5'])(
    'depth=%s → 400 naming the limit, for staff too',
    async (depth) => {
      for (const token of [undefined, editor]) {
        const res = await client.get(`/articles?locale=en&depth=${depth}&limit=1`, { token })
        expect(res.status).toBe(400)
        expect(message(res)).toMatch(
          new RegExp(`^depth must be a whole number from 0 to ${READ_BUDGET.depth}`),
        )
      }
    },
  )

  test('anonymous limit × (depth + 1) over the budget → 400 with the numbers, before any read', async () => {
    for (const [path, cost] of [
      ['/articles?locale=en&depth=2&limit=34', 102],
      ['/articles?locale=en&limit=34', 102], // depth defaults to 2
      ['/articles?locale=all&depth=3&limit=26', 104],
      ['/articles?locale=en&depth=1&limit=51', 102],
      ['/related-articles?locale=en&depth=1&limit=100', 200],
    ] as const) {
      const res = await client.get(path)
      expect([path, res.status]).toEqual([path, 400])
      expect(message(res)).toContain(
        `An anonymous read may populate at most ${READ_BUDGET.documents} documents`,
      )
      expect(res.body.errors[0].data).toMatchObject({ limit: 'documents', cost })
    }
  })

  test('the largest allowed anonymous reads answer, populated to their depth', async () => {
    const d2 = await client.get('/articles?locale=en&depth=2&limit=33&sort=title')
    expect(d2.status).toBe(200)
    expect(d2.body.docs).toHaveLength(33)
    expect(d2.body.docs[0].relatedArticles[0].article.title).toMatch(/^Budget story/)

    const d3 = await client.get('/articles?locale=all&depth=3&limit=25')
    expect(d3.status).toBe(200)
    expect(d3.body.docs).toHaveLength(25)
    const inner = d3.body.docs[0].relatedArticles[0].article.relatedArticles[0]
    expect(inner.title.en).toMatch(/^Teaser/) // depth 3: the linked article's teasers

    const d0 = await client.get('/articles?locale=en&depth=0&limit=100')
    expect(d0.status).toBe(200)
    expect(d0.body.docs.length).toBeGreaterThanOrEqual(ARTICLES)

    const id = d2.body.docs[0].id
    const one = await client.get(`/articles/${id}?locale=en&depth=3`)
    expect(one.status).toBe(200)
    expect(typeof one.body.relatedArticles[0].article.relatedArticles[0]).toBe('object')
  })

  test('staff are held to the depth only (the admin asks depth 0 with up to 1,000 ids)', async () => {
    const res = await client.get('/articles?locale=en&depth=3&limit=100', { token: editor })
    expect(res.status).toBe(200)
    expect(res.body.docs.length).toBeGreaterThanOrEqual(ARTICLES)
  })

  test("Payload's maxDepth is the same: the Local API is clamped to it", async () => {
    expect(ctx.payload.config.maxDepth).toBe(READ_BUDGET.depth)
  })
})

describe('GraphQL: lists weighed by their limit', () => {
  const nested =
    'title body relatedArticles { title article { title body relatedArticles { article { title body relatedArticles { article { title body } } } } } }'
  const aliases = (n: number, limit: number, fields = nested) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: Articles(locale: en, limit: ${limit}) { docs { ${fields} } }`).join(' ')} }`

  test("the review's twelve aliased lists of 100, nested 3 deep → refused before they run", async () => {
    const res = await client.graphql(aliases(12, 100), {}, { headers: gqlAccept })
    expect(res.status).toBe(400)
    expect(res.body.data).toBeUndefined()
    expect(message(res)).toMatch(
      new RegExp(
        `^An anonymous query may populate at most ${READ_BUDGET.graphqlDocuments} documents`,
      ),
    )
    expect(res.body.errors[0].extensions).toMatchObject({ limit: 'graphqlDocuments' })
    // One such list alone is over the budget too, and a limit given as a variable counts.
    expect(message(await client.graphql(aliases(1, 100)))).toMatch(/at most \d+ documents/)
    const viaVariable = await client.graphql(
      `query ($n: Int) { Articles(locale: en, limit: $n) { docs { ${nested} } } }`,
      { n: 100 },
    )
    expect(message(viaVariable)).toMatch(/at most \d+ documents/)
    // Fragments and aliases count.
    const fragments = await client.graphql(
      `{ a: Articles(locale: en, limit: 100) { ...F } b: Articles(locale: en, limit: 100) { ...F } c: Articles(locale: en, limit: 1) { ...F } } fragment F on Articles { docs { title } }`,
    )
    expect(message(fragments)).toMatch(/at most \d+ documents/)
  })

  test('an ordinary page (20 articles, teasers, images, linked titles) and two lists of 100 answer', async () => {
    const page = await client.graphql(
      '{ Articles(locale: en, limit: 20) { docs { title summary body heroImage { url alt } relatedArticles { title summary image { url alt } article { slug title } } } } }',
    )
    expect(page.body.errors).toBeUndefined()
    expect(page.body.data.Articles.docs).toHaveLength(20)
    expect(page.body.data.Articles.docs[0].relatedArticles[0].article.title).toMatch(
      /^Budget story/,
    )
    const lists = await client.graphql(
      '{ a: Articles(locale: en, limit: 100) { docs { title } } b: Articles(locale: en, limit: 100, page: 2) { docs { title } } }',
    )
    expect(lists.body.errors).toBeUndefined()
    expect(lists.body.data.a.docs.length).toBeGreaterThanOrEqual(ARTICLES)
  })

  test('staff are not held to it', async () => {
    const res = await client.graphql(aliases(1, 100), {}, { token: editor })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.a0.docs.length).toBeGreaterThanOrEqual(ARTICLES)
  })
})
