import { describe, expect, test } from '@jest/globals'

import { hashKey, memoryCounterStore } from '../src/features/limits/keyedStore'

// The keyed store behind the login, API key and consent limits: hashed keys, bounded by bytes.

describe('memoryCounterStore', () => {
  test('counts hits per key inside the window, takes back and clears', async () => {
    const store = memoryCounterStore()
    expect(await store.hit('a', 60_000)).toBe(1)
    expect(await store.hit('a', 60_000)).toBe(2)
    expect(await store.count('a', 60_000)).toBe(2)
    expect(await store.count('a', 0)).toBe(0) // outside a window of zero
    expect(await store.retryAfter('a', 60_000)).toBeGreaterThan(50)
    await store.removeLast('a')
    expect(await store.count('a', 60_000)).toBe(1)
    await store.clear('a')
    expect(await store.count('a', 60_000)).toBe(0)
  })

  test('keys of any length cost a fixed few bytes; the whole store stays under maxBytes', async () => {
    const store = memoryCounterStore({ maxBytes: 64 * 1024 })
    const big = 'x'.repeat(1024 * 1024)
    await store.hit(big, 60_000)
    expect(store.bytes).toBeLessThan(200)
    expect(hashKey(big)).toHaveLength(22)
    for (let i = 0; i < 20_000; i++) await store.hit(`${i}:${big.slice(0, 1000)}`, 60_000)
    expect(store.bytes).toBeLessThanOrEqual(64 * 1024)
    // the newest keys are still counted, the least recent ones were dropped
    expect(await store.count(`19999:${big.slice(0, 1000)}`, 60_000)).toBe(1)
    expect(await store.count(big, 60_000)).toBe(0)
  })

  test('a key keeps at most maxHitsPerKey timestamps', async () => {
    const store = memoryCounterStore({ maxHitsPerKey: 5 })
    for (let i = 0; i < 100; i++) await store.hit('k', 60_000)
    expect(await store.count('k', 60_000)).toBe(5)
  })
})
