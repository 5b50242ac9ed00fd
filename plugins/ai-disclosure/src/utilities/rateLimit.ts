/**
 * Per-client rate limiting of consent records. Counting happens in a `RateLimitStore`, which an
 * app may pass (`consent.rateLimit.store`: its own bounded store, or a shared one such as Redis);
 * the default keeps counts in this process, bounded by the number of keys (the plugin's keys are
 * fixed-length IP hashes, so that bounds its bytes too).
 */
export interface RateLimitStore {
  /** Records a hit for `key` now; resolves to the hits inside the window, this one included. */
  hit(key: string, windowMs: number): Promise<number>
}

export type RateLimiter = {
  /** Records a hit for the key; resolves to false when the key is over the limit. */
  hit: (key: string) => Promise<boolean>
}

/** The default store: sliding windows in a Map of at most `maxKeys` keys (oldest dropped first). */
export const memoryRateLimitStore = ({
  maxKeys = 10_000,
  maxHitsPerKey = 64,
}: { maxKeys?: number; maxHitsPerKey?: number } = {}): RateLimitStore => {
  const hits = new Map<string, number[]>()
  return {
    async hit(key, windowMs) {
      const now = Date.now()
      const recent = (hits.get(key) ?? []).filter((time) => time > now - windowMs)
      recent.push(now)
      if (recent.length > maxHitsPerKey) recent.splice(0, recent.length - maxHitsPerKey)
      // re-inserted last: the Map's first key is the least recently hit
      hits.delete(key)
      hits.set(key, recent)
      while (hits.size > maxKeys) hits.delete(hits.keys().next().value!)
      return recent.length
    },
  }
}

export const createRateLimiter = ({
  max,
  window,
  store = memoryRateLimitStore(),
}: {
  max: number
  window: number
  store?: RateLimitStore
}): RateLimiter => ({
  hit: async (key) => (await store.hit(key, window)) <= max,
})
