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

import { LRUCache } from 'lru-cache'

import { purgeBus, type PurgeBus } from './bus'
import { addTags } from './plugin'

const POLLED = Symbol('newsroom.cache.memo.polled')

type Remembered = { value: Promise<unknown>; tags: string[] }

export class TaggedMemo {
  private readonly values: LRUCache<string, Remembered>
  private readonly byTag = new Map<string, Set<string>>()

  constructor(
    private readonly bus: PurgeBus = purgeBus(),
    max = 10_000,
  ) {
    this.values = new LRUCache<string, Remembered>({
      max,
      dispose: ({ tags }, key) => {
        for (const tag of tags) {
          const keys = this.byTag.get(tag)
          keys?.delete(key)
          if (keys && !keys.size) this.byTag.delete(tag)
        }
      },
    })
    bus.listen((purge) => {
      if (purge === 'all') return void this.values.clear()
      for (const tag of purge)
        for (const key of [...(this.byTag.get(tag) ?? [])]) this.values.delete(key)
    })
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
    this.values.set(key, entry)
    for (const tag of tags) {
      let keys = this.byTag.get(tag)
      if (!keys) this.byTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
    value.catch(() => {
      if (this.values.peek(key) === entry) this.values.delete(key)
    })
    return value
  }

  get size(): number {
    return this.values.size
  }
}

const KEY = Symbol.for('newsroom.cache.memo')

/** This process's memo: one for the Next bundle's and the server's copies of this module alike. */
export function taggedMemo(): TaggedMemo {
  const holder = globalThis as unknown as Record<symbol, TaggedMemo | undefined>
  return (holder[KEY] ??= new TaggedMemo())
}
