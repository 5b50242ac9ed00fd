// A search from user text to results: input bounded and checked before any work, analysed like the
// index, run on the public index (anyone) or the staff index (users who may read drafts, each hit
// checked against the user's read access), with snippets and highlights from the original text.
import type { CollectionSlug, PayloadRequest } from 'payload'

import { nestedReq } from '../../utilities/nestedReq'
import { mayReadDrafts } from '../accounts/roles'
import { LOCALE_CODES } from '../languages/locales'
import type { EngineHit, Label, SearchEngine, TokenQuery } from './engine'
import { languageOf } from './indexer'
import { analyze, type Language } from './linguistics'

/** Bounds, checked before the text is analysed. */
export const LIMITS = { maxChars: 200, maxWords: 8, maxLimit: 50, maxPage: 100 } as const

export class SearchInputError extends Error {}

export type SearchParams = { q: string; locale: string; limit: number; page: number }

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

const integer = (raw: unknown, name: string, fallback: number, max: number): number => {
  if (raw === undefined || raw === null || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new SearchInputError(`\`${name}\` must be a whole number from 1 to ${max}.`)
  return n
}

/** Checks and bounds the parameters of a search; throws `SearchInputError` (→ 400). */
export function searchParams(raw: {
  q?: unknown
  locale?: unknown
  limit?: unknown
  page?: unknown
}): SearchParams {
  if (raw.q !== undefined && typeof raw.q !== 'string')
    throw new SearchInputError('`q` must be one text.')
  const q = (raw.q ?? '').replace(CONTROL, ' ').trim()
  if (q.length > LIMITS.maxChars)
    throw new SearchInputError(`\`q\` is longer than ${LIMITS.maxChars} characters.`)
  const locale = typeof raw.locale === 'string' ? raw.locale : ''
  if (!LOCALE_CODES.includes(locale))
    throw new SearchInputError(`\`locale\` must be one of ${LOCALE_CODES.join(', ')}.`)
  return {
    q,
    locale,
    limit: integer(raw.limit, 'limit', 10, LIMITS.maxLimit),
    page: integer(raw.page, 'page', 1, LIMITS.maxPage),
  }
}

/** The query's words as token alternatives: the first `maxWords` words, stop words dropped. */
export function queryWords(q: string, language: Language): string[][][] {
  return analyze(q, language)
    .slice(0, LIMITS.maxWords)
    .map((w) => (w.parts.length >= 2 ? [[w.tokens[0]], [...new Set(w.parts)]] : [[w.tokens[0]]]))
}

export type Highlighted = { text: string; highlights: [number, number][] }

export type SearchHit = {
  collection: string
  id: string
  locale: string
  title: Highlighted
  lead: string
  snippet: Highlighted
  href: string | null
  origin: string
  labels: Label[]
  firstPublishedAt: string | null
  score: number
}

export type SearchResult = {
  query: string
  locale: string
  index: 'public' | 'staff'
  page: number
  limit: number
  total: number
  /** `total` is a lower bound: more documents match than the engine ranks (docs/search.md). */
  totalCapped: boolean
  totalPages: number
  docs: SearchHit[]
}

const SNIPPET_WORDS = 32

/** The words of `text` that match the query's tokens, as ranges of `text`. */
function matches(text: string, language: Language, tokens: Set<string>) {
  return analyze(text, language).filter((w) => w.tokens.some((t) => tokens.has(t)))
}

function highlight(text: string, language: Language, tokens: Set<string>): Highlighted {
  return { text, highlights: matches(text, language, tokens).map((w) => [w.start, w.end]) }
}

/** A passage of the body (or lead) around the densest run of matches, with its highlights. */
function snippet(hit: EngineHit, language: Language, tokens: Set<string>): Highlighted {
  const source = hit.body || hit.lead
  const words = [...source.matchAll(/\S+/g)]
  if (!words.length) return { text: '', highlights: [] }
  // Bounded: the passage is searched in the first 20,000 characters.
  const head = source.slice(0, 20_000)
  const found = matches(head, language, tokens)
  let best = 0
  let bestCount = 0
  for (let i = 0; i < found.length; i++) {
    let count = 0
    for (let j = i; j < found.length && found[j].start - found[i].start < 240; j++) count++
    if (count > bestCount) [best, bestCount] = [found[i].start, count]
  }
  const startWord = Math.max(0, words.findIndex((w) => (w.index ?? 0) + w[0].length > best) - 4)
  const slice = words.slice(startWord, startWord + SNIPPET_WORDS)
  const from = slice[0].index ?? 0
  const last = slice[slice.length - 1]
  const to = (last.index ?? 0) + last[0].length
  const prefix = from > 0 ? '… ' : ''
  const text = `${prefix}${source.slice(from, to)}${to < source.length ? ' …' : ''}`
  const highlights = found
    .filter((w) => w.start >= from && w.end <= to)
    .map((w): [number, number] => [w.start - from + prefix.length, w.end - from + prefix.length])
  return { text, highlights }
}

/** Keeps the staff hits the user may read (Payload's access, drafts included). */
async function readable(req: PayloadRequest, hits: EngineHit[]): Promise<EngineHit[]> {
  const allowed = new Set<string>()
  for (const collection of new Set(hits.map((h) => h.collection))) {
    const ids = hits.filter((h) => h.collection === collection).map((h) => h.docId)
    const { docs } = await req.payload.find({
      collection: collection as CollectionSlug,
      where: { id: { in: ids } },
      draft: true,
      depth: 0,
      limit: ids.length,
      pagination: false,
      select: {} as never,
      overrideAccess: false,
      user: req.user,
      req: nestedReq(req),
    })
    for (const d of docs as { id: string | number }[]) allowed.add(`${collection}:${d.id}`)
  }
  return hits.filter((h) => allowed.has(`${h.collection}:${h.docId}`))
}

/**
 * Runs a search. Anonymous readers and users without draft access read the public index only;
 * users who may read drafts read the staff index, filtered by their read access.
 */
export async function runSearch(
  engine: SearchEngine,
  req: PayloadRequest,
  params: SearchParams,
): Promise<SearchResult> {
  const staff = Boolean(req.user) && mayReadDrafts(req.user)
  const scope = staff ? 'staff' : 'public'
  const language = languageOf(params.locale)
  const words = queryWords(params.q, language)
  const base = {
    query: params.q,
    locale: params.locale,
    index: scope,
    page: params.page,
    limit: params.limit,
  } as const
  if (!words.length) return { ...base, total: 0, totalCapped: false, totalPages: 0, docs: [] }
  const query: TokenQuery = {
    scope,
    locale: params.locale,
    words,
    mode: 'all',
    limit: params.limit,
    offset: (params.page - 1) * params.limit,
  }
  let found = await engine.search(req, query)
  // No document has every word: the documents with any of them, best first.
  if (!found.total && words.length > 1) found = await engine.search(req, { ...query, mode: 'any' })
  const hits = staff ? await readable(req, found.hits) : found.hits
  const tokens = new Set(words.flat(2))
  return {
    ...base,
    total: found.total,
    totalCapped: Boolean(found.capped),
    totalPages: Math.ceil(found.total / params.limit),
    docs: hits.map((hit) => ({
      collection: hit.collection,
      id: hit.docId,
      locale: hit.locale,
      title: highlight(hit.title, language, tokens),
      lead: hit.lead,
      snippet: snippet(hit, language, tokens),
      href: hit.href,
      origin: hit.origin,
      labels: hit.labels,
      firstPublishedAt: hit.firstPublishedAt,
      score: Math.round(hit.score * 1000) / 1000,
    })),
  }
}
