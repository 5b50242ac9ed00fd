/**
 * All of search's SQL, per database (`switch (dialectOf(payload))`).
 *
 * SQLite: FTS5 (compiled into the libsql that @payloadcms/db-sqlite uses). `search_entries` holds
 * the original texts (snippets come from them, never from FTS5's `highlight()`, which would show
 * tokens); `search_public` and `search_staff` are contentless FTS5 tables, one per scope, holding
 * only our precomputed tokens (tokenised by FTS5 on spaces, `unicode61`, nothing else to do): a
 * public search never reads a staff entry's postings, so drafts cannot change its results, counts
 * or time. The locale is a column of `search_entries`. Ranking: BM25 with weights title 10 > lead
 * 4 > body 1, times a recency boost of up to 1.5 that halves over ~30 days, over a bounded top set:
 * an entry's id (the FTS5 rowid) follows its `time`, so FTS5 walks the matches newest first and
 * stops after `RANKED` of them (FTS5 itself would score every match before `ORDER BY rank` could
 * cut: linear in the matches). `total` counts that set too: exact below `RANKED`, else capped.
 *
 * The tables are made outside Payload's schema push (drizzle-kit would drop tables it does not
 * know): by the migration for production and by `ensure()` at start for dev and tests; the push
 * itself is wrapped by the plugin to drop them first (they are rebuilt from the documents).
 *
 * PostgreSQL: not yet (the same tokens would go into a `tsvector` with the `simple` config and a GIN
 * index). MongoDB: not implemented (no server to test on here); the interface allows it.
 */
import { sql } from '@payloadcms/db-sqlite'
import type { Payload, PayloadRequest } from 'payload'

import { dialectOf, type Dialect } from '../../database/dialect'

import {
  SearchUnavailableError,
  type EngineHit,
  type Scope,
  type SearchEngine,
  type TokenQuery,
} from './engine'

export const SEARCH_TABLES = [
  'search_public',
  'search_staff',
  'search_entries',
  'search_meta',
] as const
/** The FTS5 table of a scope (a fixed name, never user input). */
const FTS: Record<Scope, string> = { public: 'search_public', staff: 'search_staff' }
const fts = (scope: Scope) => sql.raw(FTS[scope])

export const SQLITE_CREATE = [
  // `time` first: ranking reads it for every match, and a column after the long texts would be
  // read from the row's overflow pages.
  `CREATE TABLE IF NOT EXISTS search_entries (
    id INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    scope TEXT NOT NULL,
    collection TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    href TEXT,
    origin TEXT NOT NULL,
    labels TEXT NOT NULL,
    first_published_at TEXT,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    body TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS search_entries_doc ON search_entries (collection, doc_id)`,
  `CREATE INDEX IF NOT EXISTS search_entries_time ON search_entries (id, time, locale)`,
  ...Object.values({ public: 'search_public', staff: 'search_staff' }).map(
    (table) =>
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING fts5(title, lead, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
  ),
  `CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
]
export const SQLITE_DROP = SEARCH_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`)

type Drizzle = {
  run: (query: unknown) => Promise<unknown>
  all: (query: unknown) => Promise<Record<string, unknown>[]>
}
type SqliteDb = { drizzle: Drizzle; sessions?: Record<string, { db: Drizzle } | undefined> }

/** The connection of `req`'s open transaction, or the adapter's own. */
async function drizzleOf(payload: Payload, req?: PayloadRequest): Promise<Drizzle> {
  const db = payload.db as unknown as SqliteDb
  const id = req ? await req.transactionID : undefined
  return (id != null && db.sessions?.[String(id)]?.db) || db.drizzle
}

/** Tokens as an FTS5 string: each quoted (they hold letters and digits only; quotes doubled anyway). */
const quote = (token: string) => `"${token.replaceAll('"', '""')}"`

/** The FTS5 MATCH expression of a token query; every user token is a quoted string. */
export function ftsExpression(query: TokenQuery): string {
  const words = query.words.map((alternatives) => {
    const options = alternatives.map((tokens) =>
      tokens.length === 1 ? quote(tokens[0]) : `(${tokens.map(quote).join(' AND ')})`,
    )
    return options.length === 1 ? options[0] : `(${options.join(' OR ')})`
  })
  const text = words.join(query.mode === 'all' ? ' AND ' : ' OR ')
  return text
}

const DAY = 86_400_000
/** The matches ranked per search: the newest this many (and `total` counts up to it). */
export const RANKED = 500
/**
 * Entry ids follow `time`: the second times 2^20, plus a sequence number within the second (ids
 * stay below 2^53 until the year 2242).
 */
const ID_SLOT = 2 ** 20
const idBase = (time: number) =>
  Math.min(Math.max(0, Math.floor(time / 1000)), 8_589_934_591) * ID_SLOT

function sqliteEngine(payload: Payload): SearchEngine {
  const meta = async (key: string, value?: string) => {
    const db = await drizzleOf(payload)
    if (value !== undefined)
      await db.run(
        sql`INSERT INTO search_meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
    const [row] = await db.all(sql`SELECT value FROM search_meta WHERE key = ${key}`)
    return row ? String(row.value) : undefined
  }
  return {
    async ensure() {
      const db = await drizzleOf(payload)
      for (const statement of SQLITE_CREATE) await db.run(sql.raw(statement))
      // Entries written before ids followed time would rank as the oldest: forgetting the
      // analysis version makes the plugin rebuild the index once.
      if ((await meta('ids')) !== 'time') {
        await db.run(sql`DELETE FROM search_meta WHERE key = 'analysis'`)
        await meta('ids', 'time')
      }
    },
    async replace(req, collection, docId, entries) {
      const db = await drizzleOf(payload, req)
      const old = await db.all(
        sql`SELECT id, scope FROM search_entries WHERE collection = ${collection} AND doc_id = ${docId}`,
      )
      for (const row of old)
        await db.run(sql`DELETE FROM ${fts(row.scope as Scope)} WHERE rowid = ${row.id}`)
      if (old.length)
        await db.run(
          sql`DELETE FROM search_entries WHERE collection = ${collection} AND doc_id = ${docId}`,
        )
      for (const e of entries) {
        const base = idBase(e.time)
        const [row] = await db.all(sql`INSERT INTO search_entries
          (id, time, scope, collection, doc_id, locale, href, origin, labels, first_published_at, title, lead, body)
          VALUES ((SELECT coalesce(max(id) + 1, ${base}) FROM search_entries WHERE id >= ${base} AND id < ${base + ID_SLOT}),
            ${e.time}, ${e.scope}, ${e.collection}, ${e.docId}, ${e.locale}, ${e.href}, ${e.origin},
            ${JSON.stringify(e.labels)}, ${e.firstPublishedAt}, ${e.title}, ${e.lead}, ${e.body})
          RETURNING id`)
        await db.run(sql`INSERT INTO ${fts(e.scope)} (rowid, title, lead, body)
          VALUES (${row.id}, ${e.tokens.title}, ${e.tokens.lead}, ${e.tokens.body})`)
      }
    },
    async clear() {
      const db = await drizzleOf(payload)
      for (const table of Object.values(FTS)) await db.run(sql.raw(`DELETE FROM ${table}`))
      await db.run(sql.raw(`DELETE FROM search_entries`))
    },
    async search(req, query) {
      const db = await drizzleOf(payload, req)
      const table = fts(query.scope)
      // The newest RANKED + 1 matches in the locale (FTS5 walks rowids downwards and stops; the
      // one extra row tells whether there are more). The locale and time come from the small
      // covering index, not from the rows with their long texts.
      const top = sql`SELECT ${table}.rowid AS id, t.time AS time, bm25(${table}, 10.0, 4.0, 1.0) AS bm
        FROM ${table} JOIN search_entries t INDEXED BY search_entries_time ON t.id = ${table}.rowid
        WHERE ${table} MATCH ${ftsExpression(query)} AND t.locale = ${query.locale}
        ORDER BY ${table}.rowid DESC LIMIT ${RANKED + 1}`
      const now = Date.now()
      // Ranked on the match and `time` alone; the texts are read for the page's rows only.
      const rows =
        await db.all(sql`WITH top AS (${top}) SELECT e.collection, e.doc_id, e.locale, e.title, e.lead,
          e.body, e.href, e.origin, e.labels, e.first_published_at, e.time, page.score, page.total
        FROM (SELECT id, score, total FROM (
            SELECT id, bm * (1.0 + 0.5 / (1.0 + CAST(${now} - time AS REAL) / ${30 * DAY})) AS score,
              count(*) OVER () AS total, row_number() OVER (ORDER BY id DESC) AS n
            FROM top)
          WHERE n <= ${RANKED} ORDER BY score LIMIT ${query.limit} OFFSET ${query.offset}) AS page
        JOIN search_entries e ON e.id = page.id
        ORDER BY page.score`)
      // No rows: no match, or a page past the last hit (which still needs the count).
      const found = rows.length
        ? Number(rows[0].total)
        : query.offset &&
          Number(
            (await db.all(sql`WITH top AS (${top}) SELECT count(*) AS total FROM top`))[0].total,
          )
      const hits: EngineHit[] = rows.map((r) => ({
        collection: String(r.collection),
        docId: String(r.doc_id),
        locale: String(r.locale),
        title: String(r.title),
        lead: String(r.lead),
        body: String(r.body),
        href: r.href == null ? null : String(r.href),
        origin: String(r.origin),
        labels: JSON.parse(String(r.labels)) as EngineHit['labels'],
        firstPublishedAt: r.first_published_at == null ? null : String(r.first_published_at),
        time: Number(r.time),
        score: -Number(r.score),
      }))
      return { total: Math.min(found, RANKED), capped: found > RANKED, hits }
    },
    meta,
  }
}

/**
 * No engine (yet): writes keep no index, searches answer "not available" (501). Articles and
 * teasers save as usual.
 */
function unavailableEngine(dialect: Dialect): SearchEngine {
  const refuse = () => {
    throw new SearchUnavailableError(`Search is not available on ${dialect} yet (docs/search.md).`)
  }
  return {
    ensure: async () => undefined,
    replace: async () => undefined,
    clear: async () => undefined,
    search: async () => refuse(),
    meta: async () => undefined,
  }
}

/** The engine for this database: SQLite's FTS5; PostgreSQL and MongoDB have none yet. */
export function engineFor(payload: Payload): SearchEngine {
  const dialect = dialectOf(payload)
  switch (dialect) {
    case 'sqlite':
      return sqliteEngine(payload)
    case 'postgres':
    case 'mongodb':
      return unavailableEngine(dialect)
  }
}
