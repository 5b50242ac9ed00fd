import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createClient } from '@libsql/client'

import { paragraphsToLexical } from '../src/utilities/richtext'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'
import { recordStatements, type Statement } from './helpers/sql'

// The reads the site and the admin make most must not pass over a whole table: their query plans
// (SQLite's EXPLAIN QUERY PLAN of the SQL Payload sends) use the indexes of src/database/indexes.ts.
// Plans, not timings: the planner decides without statistics here (as on a fresh database), so
// this fails when an index goes missing, whatever the machine's speed.
// On PostgreSQL the plans are EXPLAINed with `enable_seqscan = off`: a table of three rows is read
// whole whatever its indexes, so the question is whether an index can serve each access; what is
// left as a Seq Scan, or a walk of a whole index that is not a sort index, has none. There, staff
// reads may walk a sort index too: with three rows the planner prefers the walk in order to a sort
// (bench:scale shows the plans at 10,000 articles).

type PgClient = {
  query: (sql: string, args?: unknown[]) => Promise<{ rows: Record<string, string>[] }>
  release: () => void
}

type Client = {
  execute: (
    stmt: string | { sql: string; args?: unknown },
  ) => Promise<{ rows: Record<string, unknown>[] }>
}

let ctx: TestContext
let client: ReturnType<typeof api>
let db: Client
let editor: string

const postgres = Boolean(process.env.POSTGRES_TEST_URI)
const sqlite = !process.env.MONGO_TEST_URI && !postgres

beforeAll(async () => {
  ctx = await bootPayload()
  client = api(ctx.config)
  if (!sqlite && !postgres) return
  if (sqlite) db = (ctx.payload.db as unknown as { client: Client }).client
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
  if (postgres) return
  // Plan as on a fresh database: without the statistics the app collects at start.
  await db.execute('DELETE FROM sqlite_stat1')
  await db.execute('ANALYZE sqlite_schema')
})
afterAll(() => shutdown(ctx))

/** The full passes in the plans of the SELECTs a read sends, by table. */
async function scansOf(read: () => Promise<{ status: number }>): Promise<string[]> {
  const statements: Statement[] = []
  const stop = recordStatements(ctx.payload, (statement) => statements.push(statement))
  try {
    expect((await read()).status).toBe(200)
  } finally {
    stop()
  }
  const selects = statements.filter((s) => /^\s*select/i.test(s.sql))
  return postgres ? postgresScansOf(selects) : sqliteScansOf(selects)
}

/** SQLite: the SCAN steps of EXPLAIN QUERY PLAN, but those of subquery results. */
async function sqliteScansOf(selects: Statement[]): Promise<string[]> {
  const scans: string[] = []
  for (const { sql, args } of selects) {
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

/**
 * PostgreSQL: each Seq Scan, and each index scan without an Index Cond (a walk of the whole
 * index), written as SQLite names them (`SCAN <table> USING INDEX <index>`), so the same
 * expectations hold on both.
 */
async function postgresScansOf(selects: Statement[]): Promise<string[]> {
  const pool = (ctx.payload.db as unknown as { pool: { connect: () => Promise<PgClient> } }).pool
  const pg = await pool.connect()
  const scans: string[] = []
  try {
    await pg.query('SET enable_seqscan = off')
    for (const { sql, args } of selects) {
      const lines = (await pg.query(`EXPLAIN ${sql}`, args)).rows.map((r) => r['QUERY PLAN']!)
      lines.forEach((line, i) => {
        const node =
          /(Seq Scan|Index Scan|Index Only Scan)(?: Backward)?(?: using (\S+))? on (\S+)/.exec(line)
        if (!node) return
        const [, kind, index, table] = node
        // the node's own detail lines, up to its first child
        const details = []
        for (let j = i + 1; j < lines.length && !/->/.test(lines[j]!); j++) details.push(lines[j]!)
        if (kind === 'Seq Scan') scans.push(`SCAN ${table}`)
        else if (!details.some((d) => /Index Cond/.test(d)))
          scans.push(
            `SCAN ${table} USING ${kind === 'Index Only Scan' ? 'COVERING ' : ''}INDEX ${index}`,
          )
      })
    }
  } finally {
    await pg.query('RESET enable_seqscan')
    pg.release()
  }
  return scans
}

/**
 * Drops the indexes the front page reads by (its sort by date and the locales' parent id) and
 * returns what puts them back. On PostgreSQL every read index of articles goes: with any of them
 * left the planner filters by it and sorts, or walks it.
 */
async function dropFrontPageIndexes(): Promise<() => Promise<void>> {
  if (postgres) {
    const pool = (ctx.payload.db as unknown as { pool: { connect: () => Promise<PgClient> } }).pool
    const pg = await pool.connect()
    const { rows } = await pg.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE (tablename = 'articles' AND indexname LIKE '%\\_idx') OR indexname = 'articles_locales_parent_id_idx'`,
    )
    for (const { indexname } of rows) await pg.query(`DROP INDEX "${indexname}"`)
    return async () => {
      for (const { indexdef } of rows) await pg.query(indexdef!)
      pg.release()
    }
  }
  // A second connection: Payload's keeps statements open, which blocks schema changes on it.
  const other = createClient({ url: process.env.DATABASE_URI! })
  await other.execute('DROP INDEX articles_published_at_created_at_idx')
  await other.execute('DROP INDEX articles_locales_parent_id_idx')
  return async () => {
    await other.execute(
      'CREATE INDEX articles_published_at_created_at_idx ON articles (published_at, created_at)',
    )
    await other.execute(
      'CREATE INDEX articles_locales_parent_id_idx ON articles_locales (_parent_id)',
    )
    other.close()
  }
}

// Tables that grow with the articles (`articles__locales` is Payload's alias of `articles_locales`).
const growing = /^SCAN (articles|_articles_v)(__?(locales|rels))?( |$)/

// MongoDB has no query plans of this kind; its indexes come from the same list (src/database/indexes.ts).
;(sqlite || postgres ? describe : describe.skip)('query plans of the main reads', () => {
  // First: once the same SQL has been explained on Payload's connection, libsql keeps showing the
  // plan from before the drop (prepared statements are reused), which would hide it.
  test('without the read indexes the front page would pass over every article (the test can fail)', async () => {
    const restore = await dropFrontPageIndexes()
    try {
      const scans = await scansOf(() =>
        client.get('/articles?limit=10&depth=1&sort=-publishedAt&locale=de'),
      )
      expect(scans.filter((s) => growing.test(s)).length).toBeGreaterThan(0)
    } finally {
      await restore()
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
    expect(scans.filter((s) => growing.test(s) && !(postgres && perLocaleStatus(s)))).toEqual([])
  })
})

;(sqlite || postgres ? describe : describe.skip)('statements per read', () => {
  const countSelects = async (url: string) => {
    let selects = 0
    const stop = recordStatements(ctx.payload, ({ sql }) => {
      if (/^\s*select/i.test(sql)) selects++
    })
    try {
      expect((await client.get(url)).status).toBe(200)
    } finally {
      stop()
    }
    return selects
  }
  // Which locales an anonymous reader may see follows each document's `_status`: a `select`
  // without it must not cost a read-back per document (forceSelect).
  test('an anonymous list with `select` costs no more statements than without', async () => {
    const list = '/articles?limit=10&depth=0&locale=de'
    const whole = await countSelects(list)
    const selected = await countSelects(`${list}&select[title]=true`)
    expect(selected).toBeLessThanOrEqual(whole)
    const body = (await client.get(`${list}&select[title]=true`)).body as {
      docs: Record<string, unknown>[]
    }
    expect(body.docs.length).toBeGreaterThan(0)
    for (const doc of body.docs) expect(Object.keys(doc).sort()).toEqual(['_status', 'id', 'title'])
  })
})
