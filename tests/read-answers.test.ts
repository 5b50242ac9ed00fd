import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { cacheStatements, compiledStatements } from '../src/database/statementCache'
import { paragraphsToLexical } from '../src/utilities/richtext'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

// The two reads bench:peer measures (the 10 newest at depth 1, one article by id at depth 1) answer
// the same whatever the read path's CPU savings do: anonymous and staff, in both locales. Here the
// saving is SQLite's statement cache (src/database/statementCache.ts); the reads run with it off,
// then on twice (the second time from reused statements), and the answers must be equal.

type Client = {
  execute: (stmt: string | { sql: string; args: unknown[] }) => Promise<{
    columns: string[]
    rows: Record<string, unknown>[]
  }>
}

const sqlite = !process.env.MONGO_TEST_URI && !process.env.POSTGRES_TEST_URI

let ctx: TestContext
let client: ReturnType<typeof api>
let editor: string
let articleId: string

beforeAll(async () => {
  ctx = await bootPayload()
  client = api(ctx.config)
  editor = await loginAs(ctx.payload, 'read-answers-editor@example.com', ['editor'])
  for (let i = 0; i < 3; i++) {
    const teasers: string[] = []
    for (let t = 0; t < 2; t++) {
      const teaser = await client.post('/related-articles?locale=en', {
        token: editor,
        body: { title: `Teaser ${i}-${t}`, summary: 'Lead.', url: `https://example.com/${i}/${t}` },
      })
      expect(teaser.status).toBe(201)
      teasers.push(teaser.body.doc.id)
    }
    const created = await client.post('/articles?locale=en', {
      token: editor,
      body: {
        title: `Answer ${i}`,
        summary: 'Lead.',
        body: paragraphsToLexical(['Body.']),
        relatedArticles: teasers,
        publishedAt: `2026-0${i + 1}-01T00:00:00.000Z`,
        _status: 'published',
      },
    })
    expect(created.status).toBe(201)
    articleId = created.body.doc.id
    // German: one article live, one a draft (hidden from anonymous readers), one not written
    if (i < 2) {
      const de = await client.patch(`/articles/${articleId}?locale=de`, {
        token: editor,
        body: {
          title: `Antwort ${i}`,
          body: paragraphsToLexical(['Text.']),
          _status: i === 0 ? 'draft' : 'published',
        },
      })
      expect(de.status).toBe(200)
    }
  }
})

afterAll(async () => {
  cacheStatements(true)
  await shutdown(ctx)
})

const reads = (locale: string) => ({
  list: `/articles?limit=10&depth=1&sort=-publishedAt&locale=${locale}`,
  byId: `/articles/${articleId}?locale=${locale}&depth=1`,
})

describe('the read path answers the same', () => {
  for (const locale of ['en', 'de'])
    for (const who of ['anonymous', 'editor'] as const)
      test(`${who}, ${locale}: with and without reused statements`, async () => {
        const token = who === 'editor' ? editor : undefined
        const answers = async () => {
          const out: Record<string, unknown> = {}
          for (const [name, path] of Object.entries(reads(locale))) {
            const res = await client.get(path, { token })
            expect(res.status).toBe(200)
            out[name] = res.body
          }
          return out
        }
        cacheStatements(false)
        const uncached = await answers()
        cacheStatements(true)
        const first = await answers()
        const reused = await answers()
        expect(first).toEqual(uncached)
        expect(reused).toEqual(uncached)
        // not vacuous: the answers carry the articles and their populated teasers
        const list = uncached.list as {
          docs: { title: string; relatedArticles: { title: string }[] }[]
        }
        expect(list.docs.length).toBe(3)
        expect(list.docs[0]!.relatedArticles[0]!.title).toMatch(/^Teaser/)
        // and the German draft stays hidden from anonymous readers (the English text instead)
        if (who === 'anonymous' && locale === 'de')
          expect(list.docs.map((d) => d.title).sort()).toEqual([
            'Answer 0',
            'Answer 2',
            'Antwort 1',
          ])
      })
})

;(sqlite ? describe : describe.skip)('the statement cache (SQLite)', () => {
  const db = () => (ctx.payload.db as unknown as { client: Client }).client

  test('a repeated read compiles no statement', async () => {
    const { list } = reads('de')
    await client.get(list)
    const before = compiledStatements()
    await client.get(list)
    expect(compiledStatements()).toBe(before)
    cacheStatements(false)
    await client.get(list)
    cacheStatements(true)
    expect(compiledStatements()).toBeGreaterThan(before)
    // after new planner statistics the statements are compiled again (with the new plans)
    await client.get(list)
    await db().execute('ANALYZE')
    const analyzed = compiledStatements()
    await client.get(list)
    expect(compiledStatements()).toBeGreaterThan(analyzed)
  })

  test('a write is seen by the next read', async () => {
    const path = `/articles/${articleId}?locale=en&depth=1`
    await client.get(path)
    const res = await client.patch(`/articles/${articleId}?locale=en`, {
      token: editor,
      body: { title: 'Answer renamed' },
    })
    expect(res.status).toBe(200)
    expect((await client.get(path)).body.title).toBe('Answer renamed')
  })

  // Writes run on a connection of their own, kept open (src/database/writeLock.ts): neither the
  // write nor the reads after it compile their SQL again.
  test('a repeated publish, and the reads after it, compile no statement', async () => {
    const publish = (title: string) =>
      client.patch(`/articles/${articleId}?locale=de&depth=0`, {
        token: editor,
        body: { title, _status: 'published' },
      })
    const path = `/articles/${articleId}?locale=de&depth=1`
    for (const title of ['Antwort a', 'Antwort b']) {
      expect((await publish(title)).status).toBe(200)
      await client.get(path)
    }
    const before = compiledStatements()
    expect((await publish('Antwort c')).status).toBe(200)
    expect((await client.get(path)).body.title).toBe('Antwort c')
    expect(compiledStatements()).toBe(before)
  })

  test('a write that fails in its transaction leaves nothing behind, and the next one is stored', async () => {
    const create = (title: string) =>
      client.post('/articles?locale=en', {
        token: editor,
        body: { title, slug: 'one-slug-only', body: paragraphsToLexical(['Body.']) },
      })
    expect((await create('First with the slug')).status).toBe(201)
    // the slug is unique: SQLite refuses the insert inside Payload's transaction
    expect((await create('Second with the slug')).status).toBe(400)
    const found = await ctx.payload.find({
      collection: 'articles',
      where: { title: { equals: 'Second with the slug' } },
      draft: true,
      locale: 'en',
    })
    expect(found.totalDocs).toBe(0)
    const res = await client.patch(`/articles/${articleId}?locale=en`, {
      token: editor,
      body: { title: 'Stored after the failure' },
    })
    expect(res.status).toBe(200)
    const stored = await ctx.payload.findByID({
      collection: 'articles',
      id: articleId,
      locale: 'en',
      draft: true,
    })
    expect(stored.title).toBe('Stored after the failure')
  })

  test('SELECT * sees the columns a schema change added', async () => {
    await db().execute('CREATE TABLE statement_cache_probe (a TEXT PRIMARY KEY)')
    await db().execute({ sql: 'INSERT INTO statement_cache_probe (a) VALUES (?)', args: ['x'] })
    const select = 'SELECT * FROM statement_cache_probe'
    expect((await db().execute(select)).columns).toEqual(['a'])
    await db().execute("ALTER TABLE statement_cache_probe ADD COLUMN b TEXT DEFAULT 'y'")
    const after = await db().execute(select)
    expect(after.columns).toEqual(['a', 'b'])
    expect({ ...after.rows[0] }).toEqual({ a: 'x', b: 'y' })
  })

  test('a statement that failed runs again', async () => {
    const insert = 'INSERT INTO statement_cache_probe (a) VALUES (?)'
    await expect(db().execute({ sql: insert, args: ['x'] })).rejects.toThrow(/UNIQUE/)
    await db().execute({ sql: insert, args: ['z'] })
    const rows = await db().execute('SELECT a FROM statement_cache_probe ORDER BY a')
    expect(rows.rows.map((r) => r.a)).toEqual(['x', 'z'])
  })
})
