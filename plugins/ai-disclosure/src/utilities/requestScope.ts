import type { PayloadRequest } from 'payload'

import { nestedReq } from './nestedReq'

import type { LooseDoc } from './loose'

/**
 * Per-request state, keyed on the request's Payload dataloader: the one object that lives exactly
 * as long as the request and that its nested Local API operations and GraphQL resolvers share
 * (GraphQL hands each resolver its own copy of `req`, and the Local API replaces `req.context`).
 */
const scopes = new WeakMap<object, Map<string, unknown>>()

const scopeOf = (req: PayloadRequest): Map<string, unknown> => {
  const owner = (req.payloadDataLoader as object | undefined) ?? req
  let scope = scopes.get(owner)
  if (!scope) {
    scope = new Map()
    scopes.set(owner, scope)
  }
  return scope
}

/** A value computed once per request and key. */
export function requestMemo<T>(req: PayloadRequest, key: string, compute: () => T): T {
  const scope = scopeOf(req)
  if (!scope.has(key)) {
    scope.set(key, compute())
  }
  return scope.get(key) as T
}

type Batch = {
  ids: Map<string, number | string>
  settle: (docs: Map<string, LooseDoc>) => void
}

type LoaderState = {
  docs: Map<string, Promise<LooseDoc | null>>
  pending?: Batch & { done: Promise<Map<string, LooseDoc>> }
}

const loaderKey = (collection: string, overrideAccess: boolean, select: Record<string, unknown>) =>
  `doc:${collection}:${overrideAccess ? 'all' : 'user'}:${JSON.stringify(select)}`

/**
 * Loads a document by id (depth 0, `select`ed fields, latest published version), once per request.
 * The lookups that sibling documents make in the same turn of the event loop (e.g. the badges of
 * every teaser in a list) become one `find` with `id in […]`. A document the user may not read,
 * or that does not exist, loads as `null`.
 */
export function loadDoc(
  req: PayloadRequest,
  {
    id,
    collection,
    overrideAccess,
    select,
  }: {
    collection: string
    id: number | string
    overrideAccess: boolean
    select: Record<string, unknown>
  },
): Promise<LooseDoc | null> {
  const state = requestMemo<LoaderState>(
    req,
    loaderKey(collection, overrideAccess, select),
    () => ({
      docs: new Map(),
    }),
  )
  const cached = state.docs.get(String(id))
  if (cached) {
    return cached
  }
  if (!state.pending) {
    let settle!: Batch['settle']
    const done = new Promise<Map<string, LooseDoc>>((resolve) => (settle = resolve))
    const batch = { ids: new Map<string, number | string>(), settle, done }
    state.pending = batch
    setImmediate(() => {
      if (state.pending === batch) {
        state.pending = undefined
      }
      const ids = [...batch.ids.values()]
      ;(
        req.payload.find({
          collection: collection as never,
          depth: 0,
          limit: ids.length,
          overrideAccess,
          pagination: false,
          req: nestedReq(req),
          select: select as never,
          where: { id: { in: ids } },
        }) as Promise<{ docs: LooseDoc[] }>
      )
        .then(({ docs }) => batch.settle(new Map(docs.map((doc) => [String(doc.id), doc]))))
        // no access, or an error: no document, as a failed findByID would be
        .catch(() => batch.settle(new Map()))
    })
  }
  const { pending } = state
  pending.ids.set(String(id), id)
  const doc = pending.done.then((docs) => docs.get(String(id)) ?? null)
  state.docs.set(String(id), doc)
  return doc
}

/** Forgets loaded copies of a document (after it changed within the request). */
export function forgetDoc(req: PayloadRequest, collection: string, id: number | string): void {
  for (const [key, value] of scopeOf(req)) {
    if (key.startsWith(`doc:${collection}:`)) {
      ;(value as LoaderState).docs.delete(String(id))
    }
  }
}
