/**
 * The Payload side of the response cache (plugin style: a function of the config).
 *
 * Tags: every document and global read for a response adds `<collection>:<id>` / `global:<slug>`
 * to the response's `Surrogate-Key` header (through `req.responseHeaders`, which Payload's REST and
 * GraphQL handlers merge into the response): by id for `findByID` and for population (`id in`);
 * API list, count and `where` queries add the collection tag instead, so a new or changed document
 * invalidates every list that could now show it. Reads made inside hooks with the same `req` add
 * theirs too, and values kept across requests (src/features/cache/memo.ts) add the tags they came from.
 *
 * Public mark: every operation is judged before it runs (src/features/cache/publicMark.ts).
 *
 * Purges: `afterChange`/`afterDelete` of every collection and global purge the document's tag and its
 * collection tag, once right away and once more after the transaction commits (a read between the
 * two may have cached the old rows). Payload answers the write only after its commit, so the
 * response goes out after the purge.
 */
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterOperationHook,
  Config,
  Payload,
  PayloadRequest,
  Plugin,
} from 'payload'

import { appendHooks } from '../../utilities/config'
import { purgeBus } from './bus'
import { collectionVerdictHook, globalVerdictHook, judgeAfter } from './publicMark'

export const SURROGATE_KEY = 'Surrogate-Key'
/** Anonymous published answers: shared caches keep them a minute, serve stale while refreshing. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300'
export const PRIVATE_CACHE_CONTROL = 'private, no-store'
const TAGS = Symbol.for('newsroom.cache.tags')
const PENDING = Symbol.for('newsroom.cache.pendingPurges')

export const docTag = (collection: string, id: string | number) => `${collection}:${id}`
export const globalTag = (slug: string) => `global:${slug}`

type Tags = { set: Set<string>; joined: string; pending: boolean }

/** Adds tags to the response of this request (`Surrogate-Key`). */
export function addTags(req: PayloadRequest, tags: string[]): void {
  const holder = req as unknown as Record<symbol, Tags | undefined>
  const state = (holder[TAGS] ??= { set: new Set(), joined: '', pending: false })
  const size = state.set.size
  for (const tag of tags) {
    if (state.set.has(tag)) continue
    state.set.add(tag)
    // Appended, not joined again: a read may add a hundred tags one at a time.
    if (state.joined.length <= SURROGATE_KEY_BUDGET)
      state.joined = state.joined ? `${state.joined} ${tag}` : tag
  }
  if (state.set.size === size || state.pending) return
  // The header is written once per turn, not once per tag (a 7 KB header set a hundred times costs
  // a read milliseconds). Payload reads `req.responseHeaders` only after the operation that is
  // running now has settled, which comes later in the microtask queue.
  state.pending = true
  queueMicrotask(() => {
    state.pending = false
    req.responseHeaders ??= new Headers()
    req.responseHeaders.set(SURROGATE_KEY, surrogateKey(state))
  })
}

/** The tags collected for `req` so far, for responses built outside Payload's handlers (pages). */
export const surrogateKeyOf = (req: Partial<PayloadRequest>): string => {
  const state = (req as unknown as Record<symbol, Tags | undefined>)[TAGS]
  return state ? surrogateKey(state) : ''
}

// Header size limits (Node and undici 16 KB for all headers; Fastly 16 KB for this one).
const SURROGATE_KEY_BUDGET = 8 * 1024

/**
 * Space-separated tags; over budget (long lists), a collection's document tags give way to the
 * collection tag, which every write to that collection purges as well: coarser, never stale.
 */
function surrogateKey({ set, joined }: Tags): string {
  if (joined.length <= SURROGATE_KEY_BUDGET) return joined
  let value = joined
  const byCollection = new Map<string, string[]>()
  for (const tag of set) {
    const colon = tag.lastIndexOf(':')
    if (colon <= 0 || tag.startsWith('global:')) continue
    const collection = tag.slice(0, colon)
    byCollection.set(collection, [...(byCollection.get(collection) ?? []), tag])
  }
  const tags = new Set(set)
  for (const [collection, docTags] of [...byCollection].sort((a, b) => b[1].length - a[1].length)) {
    docTags.forEach((tag) => tags.delete(tag))
    tags.add(collection)
    value = [...tags].join(' ')
    if (value.length <= SURROGATE_KEY_BUDGET) break
  }
  return value
}

type Pending = Map<string | number, Set<string>>
const pendingOf = (payload: Payload): Pending => {
  const holder = payload.db as unknown as Record<symbol, Pending | undefined>
  return (holder[PENDING] ??= new Map())
}

/** Purges now and, when the write runs in a transaction, again once that transaction has ended. */
async function purgeWrite(req: PayloadRequest, tags: string[]): Promise<void> {
  await purgeBus(req.payload).purge(tags)
  const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  if (id === undefined || id === null) return
  const pending = pendingOf(req.payload)
  const set = pending.get(id) ?? new Set()
  tags.forEach((tag) => set.add(tag))
  pending.set(id, set)
}

/** Wraps the adapter's commit and rollback so that the tags a transaction touched are purged after it. */
function purgeAfterTransactions(payload: Payload): void {
  const db = payload.db
  const pending = pendingOf(payload)
  const after = async (id: string | number) => {
    const tags = pending.get(id)
    if (!tags) return
    pending.delete(id)
    await purgeBus(payload).purge([...tags])
  }
  type End = typeof db.commitTransaction
  const thenPurge =
    (end: End): End =>
    async (id) => {
      try {
        await end(id)
      } finally {
        await after(id as string | number)
      }
    }
  db.commitTransaction = thenPurge(db.commitTransaction.bind(db))
  db.rollbackTransaction = thenPurge(db.rollbackTransaction.bind(db))
}

/** The documents of a `find` result (other list operations return counts or values). */
const docsOf = (result: unknown): { id: string | number }[] => {
  const docs = (result as { docs?: unknown } | undefined)?.docs
  return Array.isArray(docs)
    ? docs.filter((d): d is { id: string | number } => d?.id !== undefined)
    : []
}

const LIST_OPERATIONS = new Set(['find', 'count', 'findDistinct', 'findVersions', 'countVersions'])

/** Ids of a relationship value: an id, a populated document, `{ relationTo, value }`, or a list. */
function relationIds(value: unknown): (string | number)[] {
  if (Array.isArray(value)) return value.flatMap(relationIds)
  if (typeof value === 'string' || typeof value === 'number') return [value]
  if (value && typeof value === 'object') {
    const v = value as { id?: unknown; value?: unknown }
    return relationIds(v.value ?? v.id)
  }
  return []
}

/** The ids of `where: { id: { in: [...] } }` / `{ id: { equals: x } }`, the only condition. */
function idsOnly(where: unknown): (string | number)[] | undefined {
  if (!where || typeof where !== 'object') return undefined
  const keys = Object.keys(where)
  if (keys.length !== 1 || keys[0] !== 'id') return undefined
  const condition = (where as { id: Record<string, unknown> }).id
  if (!condition || typeof condition !== 'object' || Object.keys(condition).length !== 1)
    return undefined
  if (Array.isArray(condition.in)) return condition.in as (string | number)[]
  if (typeof condition.equals === 'string' || typeof condition.equals === 'number')
    return [condition.equals]
  return undefined
}

/**
 * True when `where` (alone or inside a top-level `and`) asks for one value of a unique field: a
 * list read like that which found a document depends on that document only, since no other may take
 * the value while it holds it (a reader page's lookup by slug).
 */
function pinsUniqueField(where: unknown, unique: Set<string>): boolean {
  if (!where || typeof where !== 'object') return false
  const w = where as Record<string, unknown>
  const pinned = (field: string, condition: unknown) =>
    unique.has(field) &&
    !!condition &&
    typeof condition === 'object' &&
    ['string', 'number'].includes(typeof (condition as { equals?: unknown }).equals)
  if (Object.entries(w).some(([field, condition]) => pinned(field, condition))) return true
  return Array.isArray(w.and) && w.and.some((part) => pinsUniqueField(part, unique))
}

export const responseCachePlugin =
  (): Plugin =>
  (config: Config): Config => {
    // collection → the join fields of other collections that list its documents through field `on`
    const joinsOn = new Map<string, { owner: string; on: string }[]>()
    for (const owner of config.collections ?? []) {
      for (const field of owner.fields) {
        if (field.type !== 'join') continue
        for (const target of [field.collection].flat()) {
          joinsOn.set(target, [...(joinsOn.get(target) ?? []), { owner: owner.slug, on: field.on }])
        }
      }
    }
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) => {
        const slug = collection.slug
        const uniqueFields = new Set(
          collection.fields.flatMap((f) =>
            'name' in f && 'unique' in f && f.unique ? [f.name] : [],
          ),
        )
        // Tags come from operations, not from each document read (a per-document afterRead hook
        // costs every read a promise per document): relationship population and GraphQL resolvers
        // load related documents with `id in […]` through Payload's dataloader.
        const afterOperation: CollectionAfterOperationHook = ({ args, operation, req, result }) => {
          const a = args as {
            id?: string | number
            overrideAccess?: boolean
            where?: unknown
            draft?: boolean
          }
          judgeAfter({ req, args: a, operation })
          if (operation === 'findByID') {
            // A document that is not there (404, or null in GraphQL) is tagged by its id too.
            if (a.id !== undefined) addTags(req, [docTag(slug, a.id)])
          } else if (LIST_OPERATIONS.has(operation)) {
            const ids = idsOnly(a.where)
            // Population asks for ids: those ids say exactly what the result depends on.
            if (ids)
              addTags(
                req,
                ids.map((id) => docTag(slug, id)),
              )
            else {
              const found = docsOf(result).map((doc) => docTag(slug, doc.id))
              // An API read (access applies) of a list may change with any document of the
              // collection; lookups inside hooks (access overridden) and found lookups by a unique
              // value depend on what they found.
              const onlyFound =
                a.overrideAccess || (found.length > 0 && pinsUniqueField(a.where, uniqueFields))
              addTags(req, onlyFound ? found : [slug, ...found])
            }
          }
          return result
        }
        // Documents whose join fields list this one (a teaser's `usedIn`) change with its relations.
        const joinedTags = (...docs: unknown[]) =>
          (joinsOn.get(slug) ?? []).flatMap(({ owner, on }) =>
            docs.flatMap((d) =>
              relationIds((d as Record<string, unknown> | undefined)?.[on]).map((id) =>
                docTag(owner, id),
              ),
            ),
          )
        const afterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
          await purgeWrite(req, [docTag(slug, doc.id), slug, ...joinedTags(doc, previousDoc)])
          return doc
        }
        const afterDelete: CollectionAfterDeleteHook = async ({ doc, id, req }) => {
          await purgeWrite(req, [docTag(slug, id ?? doc.id), slug, ...joinedTags(doc)])
          return doc
        }
        return {
          ...collection,
          hooks: appendHooks(collection.hooks, {
            // Last, so it judges the arguments the other hooks hand on.
            beforeOperation: [collectionVerdictHook(collection.access?.read)],
            afterOperation: [afterOperation],
            afterChange: [afterChange],
            afterDelete: [afterDelete],
          }),
        }
      }),
      globals: (config.globals ?? []).map((global) => {
        const tag = globalTag(global.slug)
        return {
          ...global,
          hooks: appendHooks(global.hooks, {
            beforeOperation: [globalVerdictHook(global.access?.read)],
            afterRead: [
              ({ doc, req }) => {
                addTags(req, [tag])
                return doc
              },
            ],
            afterChange: [
              async ({ doc, req }) => {
                await purgeWrite(req, [tag])
                return doc
              },
            ],
          }),
        }
      }),
      onInit: async (payload) => {
        purgeAfterTransactions(payload)
        await config.onInit?.(payload)
      },
    }
  }
