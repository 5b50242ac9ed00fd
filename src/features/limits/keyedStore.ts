/**
 * A bounded store of sliding-window counters keyed by client input (addresses, e-mails, keys).
 * Keys are hashed (a 1 MB e-mail costs 22 bytes here) and the whole store is bounded by bytes: when
 * full, the least recently used keys go first. The interface is async so that a shared backend
 * (Redis) can implement it later; this in-memory one counts per process.
 */
import crypto from 'node:crypto'

import { LRUCache } from 'lru-cache'

export interface KeyedCounterStore {
  /** Records a hit for `key` now; resolves to the hits inside the window, this one included. */
  hit(key: string, windowMs: number): Promise<number>
  /** Hits of `key` inside the window. */
  count(key: string, windowMs: number): Promise<number>
  /** Seconds until the oldest hit of `key` leaves the window (at least 1). */
  retryAfter(key: string, windowMs: number): Promise<number>
  /** Takes back the latest hit of `key` (a request counted in advance that turned out fine). */
  removeLast(key: string): Promise<void>
  clear(key: string): Promise<void>
  /** Bytes held (approximate: keys, timestamps and per-entry overhead). */
  readonly bytes: number
}

export type MemoryCounterStoreOptions = {
  /** Upper bound of the store's size in bytes. Default 4 MiB (~25,000 keys with a few hits). */
  maxBytes?: number
  /** Timestamps kept per key (a count saturates here). Default 64. */
  maxHitsPerKey?: number
}

/** Fixed-size key: 128 bits of SHA-256 of the client-supplied key. */
export const hashKey = (key: string): string =>
  crypto.createHash('sha256').update(key).digest('base64url').slice(0, 22)

// per entry: the hashed key, lru-cache's bookkeeping and the array object itself
const ENTRY_OVERHEAD = 22 * 2 + 96

export function memoryCounterStore({
  maxBytes = 4 * 1024 * 1024,
  maxHitsPerKey = 64,
}: MemoryCounterStoreOptions = {}): KeyedCounterStore {
  const entries = new LRUCache<string, number[]>({
    maxSize: maxBytes,
    sizeCalculation: (times) => ENTRY_OVERHEAD + 8 * times.length,
    // an entry is worth nothing once its newest hit left the longest window in use
    ttlAutopurge: false,
  })
  const recent = (key: string, windowMs: number, now: number) => {
    const hashed = hashKey(key)
    const times = (entries.get(hashed) ?? []).filter((t) => t > now - windowMs)
    return { hashed, times }
  }
  return {
    async hit(key, windowMs) {
      const now = Date.now()
      const { hashed, times } = recent(key, windowMs, now)
      times.push(now)
      if (times.length > maxHitsPerKey) times.splice(0, times.length - maxHitsPerKey)
      entries.set(hashed, times, { ttl: windowMs })
      return times.length
    },
    async count(key, windowMs) {
      return recent(key, windowMs, Date.now()).times.length
    },
    async retryAfter(key, windowMs) {
      const now = Date.now()
      const oldest = recent(key, windowMs, now).times[0] ?? now
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))
    },
    async removeLast(key) {
      const hashed = hashKey(key)
      const times = entries.get(hashed)
      if (!times) return
      times.pop()
      if (times.length) entries.set(hashed, times, { noUpdateTTL: true })
      else entries.delete(hashed)
    },
    async clear(key) {
      entries.delete(hashKey(key))
    },
    get bytes() {
      return entries.calculatedSize
    },
  }
}
