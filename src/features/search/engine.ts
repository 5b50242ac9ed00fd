// The search engine behind one interface: it stores entries with their precomputed tokens and
// answers token queries; it never analyses text itself (./linguistics.ts does, for every engine).
import type { Payload, PayloadRequest } from 'payload'

/** `public`: published text that anyone may read; `staff`: latest drafts (access checked after). */
export type Scope = 'public' | 'staff'

export type Label = { kind: string; text: string }

/** One document in one locale, as stored in the index: the original texts and their tokens. */
export type IndexEntry = {
  scope: Scope
  collection: string
  docId: string
  locale: string
  title: string
  lead: string
  body: string
  href: string | null
  origin: string
  labels: Label[]
  firstPublishedAt: string | null
  /** For the recency boost (ms since the epoch). */
  time: number
  tokens: { title: string; lead: string; body: string }
}

/**
 * A query as tokens: every word is a list of alternatives, each a list of tokens that must all
 * match (a compound: the whole word, or all of its parts).
 */
export type TokenQuery = {
  scope: Scope
  locale: string
  words: string[][][]
  /** `all`: every word must match; `any`: one is enough. */
  mode: 'all' | 'any'
  limit: number
  offset: number
}

export type EngineHit = Omit<IndexEntry, 'tokens' | 'scope'> & { score: number }

export interface SearchEngine {
  /** Creates what the engine needs, if missing (idempotent). */
  ensure(): Promise<void>
  /**
   * Replaces every entry of a document (both scopes) with `entries`, in `req`'s transaction; an
   * entry stored as it is stays. Answers the entries it found.
   */
  replace(
    req: PayloadRequest,
    collection: string,
    docId: string,
    entries: IndexEntry[],
  ): Promise<StoredEntry[]>
  /** Drops every entry (before a rebuild). */
  clear(): Promise<void>
  search(
    req: PayloadRequest | undefined,
    query: TokenQuery,
  ): Promise<{
    total: number
    hits: EngineHit[]
    /** `total` is a lower bound. */ capped?: boolean
  }>
  /** A stored value (the analysis version the index was built with). */
  meta(key: string, value?: string): Promise<string | undefined>
}

/** A row of an engine's entries table, as read back (`search_entries`). */
export type StoredEntry = { scope: Scope; locale: string; href: string | null }

/** The stored fields of an entry, as `search_entries` holds them (the tokens follow the texts). */
const storedFields = (e: IndexEntry) => [
  e.scope,
  e.locale,
  String(Math.round(e.time)),
  e.href,
  e.origin,
  JSON.stringify(e.labels),
  e.firstPublishedAt,
  e.title,
  e.lead,
  e.body,
]
const COLUMNS = [
  'scope',
  'locale',
  'time',
  'href',
  'origin',
  'labels',
  'first_published_at',
  'title',
  'lead',
  'body',
] as const
/** The columns `diffEntries` compares: what an engine reads back before a replace. */
export const ENTRY_COLUMNS = ['id', ...COLUMNS].join(', ')

const rowFields = (row: Record<string, unknown>) =>
  COLUMNS.map((c) =>
    row[c] == null ? null : c === 'time' ? String(Number(row[c])) : String(row[c]),
  )

/**
 * What a replace writes: the stored rows that differ from every new entry go, the new entries
 * that differ from every stored row come (an unchanged entry is neither deleted nor analysed).
 */
export function diffEntries(rows: Record<string, unknown>[], entries: IndexEntry[]) {
  const add = [...entries]
  const drop: Record<string, unknown>[] = []
  const keys = add.map((e) => JSON.stringify(storedFields(e)))
  for (const row of rows) {
    const i = keys.indexOf(JSON.stringify(rowFields(row)))
    if (i < 0) drop.push(row)
    else {
      add.splice(i, 1)
      keys.splice(i, 1)
    }
  }
  const stored: StoredEntry[] = rows.map((row) => ({
    scope: row.scope as Scope,
    locale: String(row.locale),
    href: row.href == null ? null : String(row.href),
  }))
  return { add, drop, stored }
}

export type EngineFactory = (payload: Payload) => SearchEngine

/** The database has no search engine (yet): a 501, not a 500. */
export class SearchUnavailableError extends Error {}
