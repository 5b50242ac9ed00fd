/**
 * Values purged by tag: an LRU, an index from tag to keys for exact purges, and a purge log so that
 * a value computed while one of its documents was being written is not stored. The cached
 * responses (`ResponseStore`, bounded by bytes) and the memo of src/features/cache/memo.ts are both one.
 */
import { LRUCache } from 'lru-cache'

import type { Purge } from './bus'

export type Entry = {
  body: Buffer
  /** The body gzipped once, for clients that accept it (none for small bodies). */
  gzip?: Buffer
  etag: string
  tags: string[]
  /** Header lines (name, value, …) for `writeHead`: the answer's own headers plus the cache's. */
  head: { identity: string[]; gzip?: string[]; notModified: string[] }
}

// Enough to cover any request in flight; an older start than the log reaches is refused.
const PURGE_LOG_LENGTH = 2000

export class TaggedStore<V extends { tags: string[] }> {
  private readonly lru: LRUCache<string, V>
  private readonly byTag = new Map<string, Set<string>>()
  private readonly log: { seq: number; purge: Purge }[] = []
  /** Increases with every purge; a request remembers it when it starts. */
  seq = 0

  constructor(
    options:
      | { max: number }
      | {
          maxSize: number
          maxEntrySize?: number
          sizeCalculation: (value: V, key: string) => number
        },
  ) {
    this.lru = new LRUCache<string, V>({
      ...options,
      dispose: (value, key) => this.unindex(key, value.tags),
    })
  }

  get(key: string): V | undefined {
    return this.lru.get(key)
  }

  /**
   * Stores unless one of the entry's tags was purged since `startSeq`; returns whether it did.
   * `ttl` (ms): dropped by then at the latest, purged or not.
   */
  set(key: string, entry: V, startSeq: number, ttl?: number): boolean {
    if (!this.unpurgedSince(startSeq, entry.tags)) return false
    this.lru.set(key, entry, ttl ? { ttl } : undefined)
    if (!this.lru.has(key)) return false // larger than the whole store
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag)
      if (!keys) this.byTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
    return true
  }

  /** Drops `key` if it still holds `entry`. */
  delete(key: string, entry: V): void {
    if (this.lru.peek(key) === entry) this.lru.delete(key)
  }

  purge(purge: Purge): void {
    this.seq += 1
    this.log.push({ seq: this.seq, purge })
    if (this.log.length > PURGE_LOG_LENGTH) this.log.shift()
    if (purge === 'all') {
      this.lru.clear()
      this.byTag.clear()
      return
    }
    for (const tag of purge) {
      const keys = this.byTag.get(tag)
      if (keys) for (const key of [...keys]) this.lru.delete(key)
    }
  }

  get size(): number {
    return this.lru.size
  }

  get bytes(): number {
    return this.lru.calculatedSize
  }

  private unpurgedSince(startSeq: number, tags: string[]): boolean {
    if (startSeq === this.seq) return true
    if (!this.log.length || this.log[0]!.seq > startSeq + 1) return false
    for (let i = this.log.length - 1; i >= 0 && this.log[i]!.seq > startSeq; i--) {
      const { purge } = this.log[i]!
      if (purge === 'all' || purge.some((tag) => tags.includes(tag))) return false
    }
    return true
  }

  private unindex(key: string, tags: string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag)
      if (!keys) continue
      keys.delete(key)
      if (!keys.size) this.byTag.delete(tag)
    }
  }
}

/**
 * The cached responses, bounded by bytes (bodies, gzip copies, header lines). One entry takes at
 * most a sixteenth: a few huge answers cannot push out everything else.
 */
export class ResponseStore extends TaggedStore<Entry> {
  constructor(maxBytes: number) {
    super({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 16)),
      sizeCalculation: (entry, key) =>
        entry.body.length +
        (entry.gzip?.length ?? 0) +
        key.length +
        3 * entry.head.identity.reduce((sum, line) => sum + line.length, 0) +
        200,
    })
  }
}
