import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createClient } from '@libsql/client'

import { paragraphsToLexical } from '../src/utilities/richtext'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

// The reads the site and the admin make most must not pass over a whole table: their query plans
// (SQLite's EXPLAIN QUERY PLAN of the SQL Payload sends) use the indexes of src/database/indexes.ts.
// Plans, not timings: the planner decides without statistics here (as on a fresh database), so
// this fails when an index goes missing, whatever the machine's speed.

type Client = {
  execute: (
    stmt: string | { sql: string; args?: unknown },
  ) => Promise<{ rows: Record<string, unknown>[] }>
}

let ctx: TestContext
let client: ReturnType<typeof api>
let db: Client
let editor: string

const sqlite = !process.env.MONGO_TEST_URI

beforeAll(async () => {
  ctx = await bootPayload()
  client = api(ctx.config)
  if (!sqlite) return
  db = (ctx.payload.db as unknown as { client: Client }).client
  editor = await loginAs(ctx.payload, 'indexes-editor@example.com', ['editor'])
  for (let i = 0; i < 3; i++) {
    const res = await client.post('/articles?locale=en', {
      token: editor,
      body: {
        title: `Indexed ${i}`,
        summary: 'Lead.',
        body: paragraphsToLexical(['Body.']),
        _status: i === 2 ? 'draft' : 'published',
      },
    })
    expect(res.status).toBe(201)
  }
  // Plan as on a fresh database: without the statistics the app collects at start.
  await db.execute('DELETE FROM sqlite_stat1')
  await db.execute('ANALYZE sqlite_schema')
})
afterAll(() => shutdown(ctx))

/** The SCAN steps (full passes) in the plans of the SELECTs a read sends, by table. */
async function scansOf(read: () => Promise<{ status: number }>): Promise<string[]> {
  const statements: { sql: string; args: unknown }[] = []
  const execute = db.execute
  db.execute = (stmt) => {
    statements.push(
      typeof stmt === 'string' ? { sql: stmt, args: [] } : { sql: stmt.sql, args: stmt.args ?? [] },
    )
    return execute.call(db, stmt)
  }
  try {
    expect((await read()).status).toBe(200)
  } finally {
    db.execute = execute
  }
  const scans: string[] = []
  for (const { sql, args } of statements.filter((s) => /^\s*select/i.test(s.sql))) {
    const { rows } = await db.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })
    const subqueries = new Set(
      rows.map((r) => /^(?:CO-ROUTINE|MATERIALIZE) (.+)$/.exec(String(r.detail))?.[1]),
    )
    for (const row of rows) {
      const table = /^SCAN (\S+)/.exec(String(row.detail))?.[1]
      if (table && table !== 'CONSTANT' && !subqueries.has(table)) scans.push(String(row.detail))
    }
  }
  return scans
}

// Tables that grow with the articles (`articles__locales` is Payload's alias of `articles_locales`).
const growing = /^SCAN (articles|_articles_v)(__?(locales|rels))?( |$)/

// MongoDB has no query plans of this kind; its indexes come from the same list (src/database/indexes.ts).
;(sqlite ? describe : describe.skip)('query plans of the main reads', () => {
  // First: once the same SQL has been explained on Payload's connection, libsql keeps showing the
  // plan from before the drop (prepared statements are reused), which would hide it.
  test('without the read indexes the front page would pass over every article (the test can fail)', async () => {
    // A second connection: Payload's keeps statements open, which blocks schema changes on it.
    const other = createClient({ url: process.env.DATABASE_URI! })
    await other.execute('DROP INDEX articles_published_at_created_at_idx')
    await other.execute('DROP INDEX articles_locales_parent_id_idx')
    try {
      const scans = await scansOf(() =>
        client.get('/articles?limit=10&depth=1&sort=-publishedAt&locale=de'),
      )
      expect(scans.filter((s) => growing.test(s)).length).toBeGreaterThan(0)
    } finally {
      await other.execute(
        'CREATE INDEX articles_published_at_created_at_idx ON articles (published_at, created_at)',
      )
      await other.execute(
        'CREATE INDEX articles_locales_parent_id_idx ON articles_locales (_parent_id)',
      )
      other.close()
    }
  })

  // `_status` is per locale (in articles_locales): anonymous reads walk the sort index and stop at
  // the page's last published article; the page's total count is an index-only pass.
  const perLocaleStatus = (scan: string) =>
    /^SCAN articles USING INDEX articles_(published_at_|updated_at_)?created_at_idx$/.test(scan) ||
    scan === 'SCAN articles USING COVERING INDEX sqlite_autoindex_articles_1'
  test.each([
    ['front page', '/articles?limit=10&depth=1&sort=-publishedAt&locale=de'],
    ['newest', '/articles?limit=1&depth=0&sort=-createdAt'],
    ['by slug', '/articles?where[slug][equals]=indexed-1&depth=2&locale=de'],
    // a condition on a locale's text is AND-ed with that locale being published (indexed column)
    [
      'title search in a locale',
      '/articles?limit=10&depth=0&sort=-publishedAt&locale=de&where[title][like]=Indexed',
    ],
  ])('%s (anonymous) reads articles through indexes', async (_name, url) => {
    const scans = await scansOf(() => client.get(url))
    expect(scans.filter((s) => growing.test(s) && !perLocaleStatus(s))).toEqual([])
  })

  test.each([
    ['admin list', '/articles?depth=0&limit=10&draft=true'],
    ['admin list by update', '/articles?depth=0&limit=10&sort=-updatedAt&draft=true'],
    ['translation-status', '/articles/translation-status?locale=de'],
  ])('%s (staff, drafts) reads versions through indexes', async (_name, url) => {
    const scans = await scansOf(() => client.get(url, { token: editor }))
    expect(scans.filter((s) => growing.test(s))).toEqual([])
  })
})
