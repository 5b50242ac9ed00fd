/**
 * Search in both languages (docs/search.md): the index kept exact in the same transaction as every
 * write of an article or teaser, `GET /api/search`, the GraphQL `search` query; the reader pages are
 * in ./page.ts. The engine is chosen per database (./sql.ts).
 */
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  Config,
  Endpoint,
  Plugin,
} from 'payload'

import { appendHooks } from '../../utilities/config'
import { PRIVATE_CACHE_CONTROL } from '../cache/plugin'
import { SearchUnavailableError } from './engine'
import { searchGraphQL } from './graphql'
import { ARTICLES, rebuildIfStale, reindex, SEARCHED_COLLECTIONS, teasersOf } from './indexer'
import { SearchInputError } from './query'
import { searchEngine, searchFor, searchHeaders } from './service'
import { dialectOf } from '../../database/dialect'
import { SEARCH_TABLES } from './sql'

const searchEndpoint: Endpoint = {
  path: '/search',
  method: 'get',
  handler: async (req) => {
    const query = (req.query ?? {}) as Record<string, unknown>
    try {
      const { result } = await searchFor(req, query)
      // Only Cache-Control: Payload appends `req.responseHeaders` (the tags, the public mark) to an
      // endpoint's answer, and a second copy of the mark would not match it.
      const { 'cache-control': cacheControl } = searchHeaders(req)
      return Response.json(result, { headers: { 'cache-control': cacheControl } })
    } catch (err) {
      const status =
        err instanceof SearchInputError ? 400 : err instanceof SearchUnavailableError ? 501 : 0
      if (!status) throw err
      return Response.json(
        { errors: [{ message: (err as Error).message }] },
        { status, headers: { 'cache-control': PRIVATE_CACHE_CONTROL } },
      )
    }
  },
}

const afterChange: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  const engine = searchEngine(req.payload)
  const linksChanged = await reindex(engine, req, collection.slug, doc.id)
  if (collection.slug === ARTICLES && linksChanged)
    for (const teaser of await teasersOf(req, doc.id))
      await reindex(engine, req, 'related-articles', teaser)
  return doc
}

// The teasers that linked to a deleted article: found before the delete, which takes their
// relation with it.
const linkedTeasers = (id: string | number) => `search:teasersOf:${id}`

const beforeDelete: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  if (collection.slug === ARTICLES) req.context[linkedTeasers(id)] = await teasersOf(req, id)
}

const afterDelete: CollectionAfterDeleteHook = async ({ collection, doc, id, req }) => {
  const engine = searchEngine(req.payload)
  await engine.replace(req, collection.slug, String(id ?? doc.id), [])
  if (collection.slug === ARTICLES) {
    const teasers = req.context[linkedTeasers(id ?? doc.id)] as string[] | undefined
    for (const teaser of teasers ?? (await teasersOf(req, id ?? doc.id)))
      await reindex(engine, req, 'related-articles', teaser)
  }
  return doc
}

type PushingDb = {
  requireDrizzleKit?: () => { pushSchema: (...args: never[]) => Promise<unknown> }
  drizzle?: { run: (q: unknown) => Promise<unknown> }
  tablesFilter?: string[]
}

/** drizzle-kit's answer to a push: what it would run, and how. */
type PushPlan = {
  statementsToExecute: string[]
  warnings: string[]
  hasDataLoss: boolean
  apply: () => Promise<void>
}
/** A statement or warning about one of the search tables (FTS5's shadow tables included). */
const touchesSearch = (text: string) => /\bsearch_(public|staff|entries|meta)\w*\b/.test(text)

/**
 * Payload's development/test schema push (drizzle-kit) would plan to drop the search tables it
 * does not know, and ask first. On PostgreSQL they are hidden from it (drizzle-kit's
 * `tablesFilter`, which db-postgres passes on); SQLite's push takes no filter, so there its plan
 * is run without the statements on them. Either way they are kept: another process on the same
 * database (a job runner) may be writing to them meanwhile.
 */
function keepSearchTablesFromPush(db: Config['db']): Config['db'] {
  return {
    ...db,
    init: (args) => {
      const adapter = db.init(args) as ReturnType<Config['db']['init']> & PushingDb
      if (adapter.name === 'postgres')
        adapter.tablesFilter = [
          ...(adapter.tablesFilter ?? ['*']),
          ...SEARCH_TABLES.map((table) => `!${table}`),
        ]
      const kit = adapter.requireDrizzleKit?.bind(adapter)
      if (kit && adapter.name === 'sqlite')
        adapter.requireDrizzleKit = () => {
          const api = kit()
          return {
            ...api,
            pushSchema: async (...pushArgs: never[]) => {
              const { sql } = await import('@payloadcms/db-sqlite')
              const plan = (await api.pushSchema(...pushArgs)) as PushPlan
              const statements = plan.statementsToExecute.filter((s) => !touchesSearch(s))
              if (statements.length === plan.statementsToExecute.length) return plan
              const warnings = plan.warnings.filter((w) => !touchesSearch(w))
              return {
                ...plan,
                statementsToExecute: statements,
                warnings,
                hasDataLoss: plan.hasDataLoss && warnings.length > 0,
                apply: async () => {
                  for (const statement of statements) await adapter.drizzle?.run(sql.raw(statement))
                },
              }
            },
          }
        }
      return adapter
    },
  }
}

export type SearchPluginOptions = {
  /** Collections indexed (articles and teasers; others are not supported yet). */
  collections?: readonly string[]
}

export const searchPlugin =
  (options: SearchPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const indexed = new Set(options.collections ?? SEARCHED_COLLECTIONS)
    return {
      ...config,
      db: keepSearchTablesFromPush(config.db),
      collections: (config.collections ?? []).map((collection) =>
        indexed.has(collection.slug)
          ? {
              ...collection,
              hooks: appendHooks(collection.hooks, {
                afterChange: [afterChange],
                beforeDelete: [beforeDelete],
                afterDelete: [afterDelete],
              }),
            }
          : collection,
      ),
      endpoints: [...(config.endpoints ?? []), searchEndpoint],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterNavLinks: [
            ...(config.admin?.components?.afterNavLinks ?? []),
            '/features/search/AdminSearchLink#AdminSearchLink',
          ],
          views: {
            ...config.admin?.components?.views,
            search: {
              Component: '/features/search/AdminSearchView#AdminSearchView',
              path: '/search',
              exact: true,
            },
          },
        },
      },
      graphQL: {
        ...config.graphQL,
        queries: (GraphQL, context) => ({
          ...(config.graphQL?.queries?.(GraphQL, context) ?? {}),
          ...searchGraphQL(GraphQL),
        }),
      },
      onInit: async (payload) => {
        await config.onInit?.(payload)
        if (dialectOf(payload) === 'mongodb') {
          payload.logger.warn(`search: not available on MongoDB (docs/search.md)`)
          return
        }
        const built = await rebuildIfStale(searchEngine(payload), payload)
        if (built) payload.logger.info(`search: index built from ${built} documents`)
      },
    }
  }
