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
 * know): by the migration for production and by `ensure()` at start for dev and tests; the plugin
 * keeps the push from touching them (./plugin.ts).
 *
 * PostgreSQL: the same tables. `search_public` and `search_staff` hold per entry its locale, time
 * and our tokens as `tsvector`s with the `simple` config (no stemming: the tokens are final), title
 * weight A, lead B, body C: `head` (title and lead, small, kept in the row) and `tokens` (all three,
 * stored out of line, GIN-indexed). One table per scope, as on SQLite, rather than a partial index:
 * a public search's index, heap pages and planner statistics then hold no draft at all. One pass
 * over the GIN-matched rows counts them exactly and pre-ranks them on `head` (cheap, no TOAST
 * read); only the best `PG_CANDIDATES` are ranked on the whole text (`ts_rank`, weights 1 : 0.4 : 0.1 as SQLite's
 * 10 : 4 : 1, length-normalised like BM25) times the same recency boost. Made outside Payload's
 * schema push: the plugin hides them from it (`tablesFilter`), the migration creates them.
 *
 * MongoDB: not implemented (no server to test on here); the interface allows it.
 */
import { sql } from '@payloadcms/db-sqlite'
import type { Payload, PayloadRequest } from 'payload'

import { dialectOf, execute, type Dialect, type SQL } from '../../database/dialect'

import {
  diffEntries,
  ENTRY_COLUMNS,
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

export const POSTGRES_CREATE = [
  `CREATE TABLE IF NOT EXISTS search_entries (
    -- no sequence: drizzle-kit's push would drop one it does not know
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    time bigint NOT NULL,
    scope text NOT NULL,
    collection text NOT NULL,
    doc_id text NOT NULL,
    locale text NOT NULL,
    href text,
    origin text NOT NULL,
    labels text NOT NULL,
    first_published_at text,
    title text NOT NULL,
    lead text NOT NULL,
    body text NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS search_entries_doc ON search_entries (collection, doc_id)`,
  ...Object.values(FTS).flatMap((table) => [
    `CREATE TABLE IF NOT EXISTS ${table} (
      id uuid PRIMARY KEY REFERENCES search_entries (id) ON DELETE CASCADE,
      locale text NOT NULL,
      time bigint NOT NULL,
      head tsvector NOT NULL,
      tokens tsvector NOT NULL
    )`,
    // out of line and uncompressed: counting and pre-ranking a match reads only the short row
    `ALTER TABLE ${table} ALTER COLUMN tokens SET STORAGE EXTERNAL`,
    `CREATE INDEX IF NOT EXISTS ${table}_tokens ON ${table} USING gin (tokens)`,
  ]),
  `CREATE TABLE IF NOT EXISTS search_meta (key text PRIMARY KEY, value text NOT NULL)`,
]
export const POSTGRES_DROP = SQLITE_DROP

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

/** A row of `search_entries` as a hit. */
const hitOf = (r: Record<string, unknown>, score: number): EngineHit => ({
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
  score,
})

/** A value of `search_meta`, written first when `value` is given (the same SQL on both dialects). */
async function metaValue(payload: Payload, key: string, value?: string) {
  if (value !== undefined)
    await execute(
      payload,
      sql`INSERT INTO search_meta (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
  const [row] = (await execute(payload, sql`SELECT value FROM search_meta WHERE key = ${key}`)).rows
  return row ? String(row.value) : undefined
}

function sqliteEngine(payload: Payload): SearchEngine {
  const meta = (key: string, value?: string) => metaValue(payload, key, value)
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
      const { add, drop, stored } = diffEntries(
        await db.all(
          sql`SELECT ${sql.raw(ENTRY_COLUMNS)} FROM search_entries WHERE collection = ${collection} AND doc_id = ${docId}`,
        ),
        entries,
      )
      for (const row of drop) {
        await db.run(sql`DELETE FROM ${fts(row.scope as Scope)} WHERE rowid = ${row.id}`)
        await db.run(sql`DELETE FROM search_entries WHERE id = ${row.id}`)
      }
      for (const e of add) {
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
      return stored
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
      const hits = rows.map((r) => hitOf(r, -Number(r.score)))
      return { total: Math.min(found, RANKED), capped: found > RANKED, hits }
    },
    meta,
  }
}

/** A token as a tsquery operand: quoted, so it is only ever a lexeme (quotes doubled, `\\` escaped). */
const lexeme = (token: string) => `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`

/** The tsquery text of a token query (for `to_tsquery('simple', …)`); every user token is quoted. */
export function tsqueryText(query: TokenQuery): string {
  // (analysis gives no empty token nor NUL, which no text may hold; an empty lexeme is an error)
  const words = query.words
    .map((alternatives) =>
      alternatives
        .map((tokens) => tokens.map((t) => t.replaceAll('\u0000', '')).filter(Boolean))
        .filter((tokens) => tokens.length),
    )
    .filter((alternatives) => alternatives.length)
    .map((alternatives) => {
      const options = alternatives.map((tokens) =>
        tokens.length === 1 ? lexeme(tokens[0]) : `(${tokens.map(lexeme).join(' & ')})`,
      )
      return options.length === 1 ? options[0] : `(${options.join(' | ')})`
    })
  return words.join(query.mode === 'all' ? ' & ' : ' | ')
}

/** Matches ranked on the whole text at most (more for deep pages): the best by title and lead. */
export const PG_CANDIDATES = 500
// ts_rank's weights are listed D, C, B, A: body (C) 0.1, lead (B) 0.4, title (A) 1 (B and A are
// its defaults, so `head`, which has no C, is pre-ranked with them: no array read per row)
const WEIGHTS = sql.raw(`'{0, 0.1, 0.4, 1.0}'::float4[]`)

/** The rows of a scope's table that match a token query in its locale (the GIN index's work). */
export function pgMatches(query: TokenQuery) {
  return sql`${fts(query.scope)} WHERE tokens @@ (to_tsquery('simple', ${tsqueryText(query)}::text)
      && ${lexeme(localeLexeme(query.locale))}::tsquery)
    AND locale = ${query.locale}`
}

/**
 * The locale as a lexeme of `tokens` (no position, so no weight in ranking): the GIN index then
 * leaves out the other languages' matches (names and places are in both) before the table is
 * read. `~` is in no token.
 */
const localeLexeme = (locale: string) => `~${locale}`

/**
 * The page of a token query, best first, each row with the total of matches: one pass over the
 * matches counts them and keeps the best `PG_CANDIDATES` by title and lead (no TOAST read); only
 * those are ranked on the whole text. The recency boost is SQLite's.
 */
export function pgRanked(query: TokenQuery, now: number) {
  const q = sql`to_tsquery('simple', ${tsqueryText(query)}::text)`
  const recency = (time: SQL) =>
    sql`(1.0 + 0.5 / (1.0 + (${now}::float8 - ${time}) / ${30 * DAY}::float8))`
  const candidates = Math.max(PG_CANDIDATES, query.offset + query.limit)
  return sql`SELECT e.collection, e.doc_id, e.locale, e.title, e.lead, e.body, e.href, e.origin,
      e.labels, e.first_published_at, e.time, top.score, top.total
    FROM (SELECT s.id, c.total, ts_rank(${WEIGHTS}, s.tokens, ${q}, 1) * ${recency(sql`s.time`)} AS score
      FROM (SELECT id, count(*) OVER () AS total
        FROM (SELECT id, time, ts_rank(head, ${q}) * ${recency(sql`time`)} AS pre
          FROM ${pgMatches(query)}) AS m
        ORDER BY pre DESC, time DESC LIMIT ${candidates}) AS c
      JOIN ${fts(query.scope)} s ON s.id = c.id
      ORDER BY score DESC, s.time DESC LIMIT ${query.limit} OFFSET ${query.offset}) AS top
    JOIN search_entries e ON e.id = top.id
    ORDER BY top.score DESC, e.time DESC`
}

/** The number of matches (for a page past the last: the ranked rows carry it otherwise). */
export const pgCount = (query: TokenQuery) => sql`SELECT count(*) AS total FROM ${pgMatches(query)}`

type Rows = Promise<{ rows: Record<string, unknown>[] }>
type PgDb = {
  drizzle: {
    transaction: <T>(
      task: (tx: { execute: (query: SQL) => Rows }) => Promise<T>,
      config: { accessMode: 'read only' },
    ) => Promise<T>
  }
}

/**
 * Runs a search's statements in a read-only transaction of their own where the planner may not
 * scan the table: it prices `@@` on a row as one cheap operator, but on a table scan every row's
 * `tokens` is read from TOAST (~20× slower than the GIN index on 3,000 entries).
 */
export function pgSearchSession<T>(
  payload: Payload,
  task: (run: (query: SQL) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
  return (payload.db as unknown as PgDb).drizzle.transaction(
    async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`)
      return task(async (query) => (await tx.execute(query)).rows)
    },
    { accessMode: 'read only' },
  )
}

function postgresEngine(payload: Payload): SearchEngine {
  const run = (query: SQL, req?: PayloadRequest) => execute(payload, query, req).then((r) => r.rows)
  const vector = (text: string, weight: 'A' | 'B' | 'C') =>
    sql`setweight(to_tsvector('simple', ${text}::text), ${sql.raw(`'${weight}'`)})`
  return {
    async ensure() {
      // made last: when it exists, so does the rest (no ALTER TABLE's lock at every start)
      const [made] = await run(sql`SELECT to_regclass('search_meta') IS NOT NULL AS made`)
      if (made.made) return
      for (const statement of POSTGRES_CREATE) await run(sql.raw(statement))
    },
    async replace(req, collection, docId, entries) {
      const { add, drop, stored } = diffEntries(
        await run(
          sql`SELECT ${sql.raw(ENTRY_COLUMNS)} FROM search_entries WHERE collection = ${collection} AND doc_id = ${docId}`,
          req,
        ),
        entries,
      )
      // the scopes' rows go with their entries (ON DELETE CASCADE)
      for (const row of drop) await run(sql`DELETE FROM search_entries WHERE id = ${row.id}`, req)
      for (const e of add) {
        const head = sql`${vector(e.tokens.title, 'A')} || ${vector(e.tokens.lead, 'B')}`
        const time = Math.round(e.time)
        await run(
          sql`WITH entry AS (INSERT INTO search_entries
              (time, scope, collection, doc_id, locale, href, origin, labels, first_published_at, title, lead, body)
              VALUES (${time}, ${e.scope}, ${e.collection}, ${e.docId}, ${e.locale}, ${e.href}, ${e.origin},
                ${JSON.stringify(e.labels)}, ${e.firstPublishedAt}, ${e.title}, ${e.lead}, ${e.body})
              RETURNING id)
            INSERT INTO ${fts(e.scope)} (id, locale, time, head, tokens)
            SELECT id, ${e.locale}, ${time}, ${head},
              ${head} || ${vector(e.tokens.body, 'C')} || array_to_tsvector(ARRAY[${localeLexeme(e.locale)}::text])
            FROM entry`,
          req,
        )
      }
      return stored
    },
    async clear() {
      await run(sql.raw(`TRUNCATE ${Object.values(FTS).join(', ')}, search_entries`))
    },
    // committed entries only (a search is a read; no write waits for it)
    search: (_req, query) =>
      pgSearchSession(payload, async (read) => {
        const rows = await read(pgRanked(query, Date.now()))
        const total = rows.length ? rows[0].total : (await read(pgCount(query)))[0].total
        return { total: Number(total), hits: rows.map((r) => hitOf(r, Number(r.score))) }
      }),
    meta: (key, value) => metaValue(payload, key, value),
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
    replace: async () => [],
    clear: async () => undefined,
    search: async () => refuse(),
    meta: async () => undefined,
  }
}

/** The engine for this database: SQLite's FTS5, PostgreSQL's tsvector and GIN; MongoDB has none. */
export function engineFor(payload: Payload): SearchEngine {
  const dialect = dialectOf(payload)
  switch (dialect) {
    case 'sqlite':
      return sqliteEngine(payload)
    case 'postgres':
      return postgresEngine(payload)
    case 'mongodb':
      return unavailableEngine(dialect)
  }
}
