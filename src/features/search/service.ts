// The search service shared by the REST endpoint, the GraphQL query and the reader pages.
import type { Payload, PayloadRequest } from 'payload'

import { addTags, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../cache/plugin'
import { judgeAfter, publicMarkHeaders } from '../cache/publicMark'
import type { SearchEngine } from './engine'
import { SEARCHED_COLLECTIONS } from './indexer'
import { runSearch, searchParams, type SearchParams } from './query'
import { engineFor } from './sql'

/** Every search answer is tagged with these: any write to them purges cached answers. */
export const SEARCH_TAGS = ['search', ...SEARCHED_COLLECTIONS]

const engines = new WeakMap<Payload, SearchEngine>()
/** The engine of this Payload (one per database). */
export const searchEngine = (payload: Payload): SearchEngine => {
  let engine = engines.get(payload)
  if (!engine) engines.set(payload, (engine = engineFor(payload)))
  return engine
}

/** Runs a search for a request: the answer, or the reason it was refused (→ 400). */
export async function searchFor(
  req: PayloadRequest,
  raw: Record<string, unknown>,
): Promise<{ params: SearchParams; result: Awaited<ReturnType<typeof runSearch>> }> {
  const params = searchParams(raw)
  const result = await runSearch(searchEngine(req.payload), req, params)
  // Tagged for REST, GraphQL and pages alike: a write to an article or teaser purges the answer.
  addTags(req, SEARCH_TAGS)
  // An anonymous search read only published text: a public read for the response cache.
  if (result.index === 'public' && !req.user) judgeAfter({ req, args: {}, operation: 'find' })
  return { params, result }
}

/** Headers of a search answer: public and tagged for anonymous readers, private otherwise. */
export const searchHeaders = (req: PayloadRequest): Record<string, string> =>
  req.user
    ? { 'cache-control': PRIVATE_CACHE_CONTROL }
    : {
        'cache-control': PUBLIC_CACHE_CONTROL,
        'surrogate-key': SEARCH_TAGS.join(' '),
        ...publicMarkHeaders(req),
      }
