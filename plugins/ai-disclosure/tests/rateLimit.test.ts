import { describe, expect, test } from '@jest/globals'

import {
  createRateLimiter,
  memoryRateLimitStore,
  type RateLimitStore,
} from '../src/utilities/rateLimit'

// The consent rate limit counts in a store: the app's (passed as `consent.rateLimit.store`) or a
// default one bounded by its number of keys.

describe('consent rate limiter', () => {
  test('counts in the store it is given', async () => {
    const seen: string[] = []
    const counts = new Map<string, number>()
    const store: RateLimitStore = {
      hit: async (key, windowMs) => {
        seen.push(`${key}/${windowMs}`)
        counts.set(key, (counts.get(key) ?? 0) + 1)
        return counts.get(key)!
      },
    }
    const limiter = createRateLimiter({ max: 2, window: 1000, store })
    expect([await limiter.hit('a'), await limiter.hit('a'), await limiter.hit('a')]).toEqual([
      true,
      true,
      false,
    ])
    expect(await limiter.hit('b')).toBe(true)
    expect(seen).toEqual(['a/1000', 'a/1000', 'a/1000', 'b/1000'])
  })

  test('the default store keeps at most maxKeys clients, dropping the least recent', async () => {
    const store = memoryRateLimitStore({ maxKeys: 100 })
    const limiter = createRateLimiter({ max: 1, window: 60_000, store })
    expect(await limiter.hit('first')).toBe(true)
    expect(await limiter.hit('first')).toBe(false)
    // (before: every client stayed for the whole window, however many there were)
    for (let i = 0; i < 100_000; i++) await store.hit(`client-${i}`, 60_000)
    expect(await limiter.hit('first')).toBe(true) // forgotten: the store held 100 keys
    expect(await store.hit('client-99999', 60_000)).toBe(2)
  })
})
