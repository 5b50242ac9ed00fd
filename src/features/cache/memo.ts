/**
 * Values that hooks derive from other documents (badge labels from Locale documents, an image's AI
 * provenance), kept across requests until a purge names one of their tags: computed once per
 * change instead of once per request. Purges reach it from every process through the purge bus
 * (Redis, or the journal of a SQLite file); while Redis is unreachable nothing is kept.
 *
 * A remembered value still tags the response it goes into (`Surrogate-Key`), so the response cache
 * purges that response when the document changes, as if it had been read.
 */
import type { PayloadRequest } from 'payload'

import { processState } from '../../server/payload'
import { purgeBus, type PurgeBus } from './bus'
import { addTags } from './plugin'
import { TaggedStore } from './store'

const POLLED = Symbol('newsroom.cache.memo.polled')

type Remembered = { value: Promise<unknown>; tags: string[] }

export class TaggedMemo {
  private readonly values: TaggedStore<Remembered>

  constructor(
    private readonly bus: PurgeBus,
    max = 10_000,
  ) {
    this.values = new TaggedStore<Remembered>({ max })
    bus.listen((purge) => this.values.purge(purge))
  }

  /** The value for `key`, computed when it is not kept; `tags` name the documents it comes from. */
  remember<T>(
    req: PayloadRequest,
    key: string,
    tags: string[],
    compute: () => Promise<T>,
  ): Promise<T> {
    addTags(req, tags)
    // Other processes' purges are read once per request: what was written before it started.
    const polled = req as unknown as Record<symbol, boolean | undefined>
    if (!polled[POLLED]) {
      this.bus.poll()
      polled[POLLED] = true
    }
    if (!this.bus.available) return compute()
    const kept = this.values.get(key)
    if (kept) return kept.value as Promise<T>
    // Kept while it is computed, so that a purge in the meantime drops it (the write purges again
    // after its commit, so a value read before the commit does not outlive it).
    const value = compute()
    const entry = { value, tags }
    this.values.set(key, entry, this.values.seq)
    value.catch(() => this.values.delete(key, entry))
    return value
  }

  get size(): number {
    return this.values.size
  }
}

/** This process's memo, kept on the Payload of the request that asks (`processState`). */
const memoOf = (req: PayloadRequest): TaggedMemo =>
  processState(req.payload, 'memo', () => new TaggedMemo(purgeBus(req.payload)))

/** The memo as the app's hooks use it: `taggedMemo().remember(req, key, tags, compute)`. */
export const taggedMemo = (): Pick<TaggedMemo, 'remember'> => ({
  remember: (req, key, tags, compute) => memoOf(req).remember(req, key, tags, compute),
})
