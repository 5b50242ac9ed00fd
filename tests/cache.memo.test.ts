import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'
import type { PayloadRequest } from 'payload'

import { PurgeBus } from '../src/features/cache/bus'
import { TaggedMemo } from '../src/features/cache/memo'
import { surrogateKeyOf } from '../src/features/cache/plugin'

// The memo behind badge labels and image provenance: kept across requests, dropped by a purge of
// one of its tags from this process or another one (two buses on one journal file, as two processes
// on one SQLite file).

const journal = path.join(os.tmpdir(), `cache-memo-${process.pid}.cache-purges`)
afterAll(() => fs.rmSync(journal, { force: true }))

const request = () => ({}) as PayloadRequest
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('the tagged memo', () => {
  test('computes once per change: kept until a purge names one of its tags, here or elsewhere', async () => {
    const here = new PurgeBus('', journal)
    const elsewhere = new PurgeBus('', journal)
    const memo = new TaggedMemo(here)
    let computed = 0
    const labels = () => memo.remember(request(), 'labels:de', ['locales'], async () => ++computed)

    expect(await labels()).toBe(1)
    expect(await labels()).toBe(1)
    await here.purge(['images:1'])
    expect(await labels()).toBe(1)
    await here.purge(['locales:2', 'locales'])
    expect(await labels()).toBe(2)
    // Another process writes a Locale document: its purge reaches this memo through the journal,
    // which is read once per event-loop turn.
    await elsewhere.purge(['locales'])
    await nextTurn()
    expect(await labels()).toBe(3)
    await elsewhere.purge('all')
    await nextTurn()
    expect(await labels()).toBe(4)
    expect(await labels()).toBe(4)
  })

  test('a purge while the value is computed drops it; a failed lookup is not kept', async () => {
    const bus = new PurgeBus('', undefined)
    const memo = new TaggedMemo(bus)
    let release!: (value: string) => void
    const slow = memo.remember(
      request(),
      'k',
      ['images:1'],
      () => new Promise((r) => (release = r)),
    )
    await bus.purge(['images:1'])
    release('old')
    expect(await slow).toBe('old') // the reader that started before the write
    expect(await memo.remember(request(), 'k', ['images:1'], async () => 'new')).toBe('new')

    await expect(
      memo.remember(request(), 'fails', ['images:2'], () => Promise.reject(new Error('gone'))),
    ).rejects.toThrow('gone')
    expect(await memo.remember(request(), 'fails', ['images:2'], async () => 'found')).toBe('found')
  })

  test('a remembered value tags the response it goes into', async () => {
    const memo = new TaggedMemo(new PurgeBus('', undefined))
    const first = request()
    const second = request()
    await memo.remember(first, 'aiImage:images:7', ['images:7'], async () => true)
    await memo.remember(second, 'aiImage:images:7', ['images:7'], async () => false)
    expect(surrogateKeyOf(first)).toBe('images:7')
    expect(surrogateKeyOf(second)).toBe('images:7')
  })

  test('nothing is kept while the bus may miss purges (Redis configured but unreachable)', async () => {
    // The real Redis outage is exercised on the real server (tests/cache.server.ts); here the bus
    // only reports it, as PurgeBus does while its subscriber is down.
    class RedisDown extends PurgeBus {
      override get available() {
        return false
      }
    }
    const memo = new TaggedMemo(new RedisDown('', undefined))
    let computed = 0
    await memo.remember(request(), 'k', ['locales'], async () => ++computed)
    await memo.remember(request(), 'k', ['locales'], async () => ++computed)
    expect(computed).toBe(2)
    expect(memo.size).toBe(0)
  })
})
