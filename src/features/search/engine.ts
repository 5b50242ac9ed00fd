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
  /** Replaces every entry of a document (both scopes) with `entries`, in `req`'s transaction. */
  replace(
    req: PayloadRequest,
    collection: string,
    docId: string,
    entries: IndexEntry[],
  ): Promise<void>
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

export type EngineFactory = (payload: Payload) => SearchEngine

/** The database has no search engine (yet): a 501, not a 500. */
export class SearchUnavailableError extends Error {}
