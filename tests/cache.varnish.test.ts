/**
 * The Varnish purger (src/features/cache/varnish.ts) against an HTTP server that answers as Varnish's
 * VCL does (200 to PURGE with an `xkey` header); real Varnish runs in `npm run test:cluster`.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, test } from '@jest/globals'

import { ALL_KEY, VarnishPurger, varnishPurgeUrls } from '../src/features/cache/varnish'

type Received = { method: string; xkey: string }

async function fakeVarnish(answer: (n: number) => number | 'hang' = () => 200) {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    received.push({ method: req.method!, xkey: String(req.headers.xkey ?? '') })
    const status = answer(received.length)
    if (status === 'hang') return
    res.writeHead(status).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return {
    url,
    received,
    close: () => {
      server.closeAllConnections()
      server.close()
    },
  }
}

const purgers: VarnishPurger[] = []
const closers: (() => unknown)[] = []
afterEach(() => {
  purgers.splice(0).forEach((p) => p.close())
  closers.splice(0).forEach((close) => close())
})

const purgerFor = (
  urls: string[],
  options: ConstructorParameters<typeof VarnishPurger>[1] = {},
) => {
  const purger = new VarnishPurger(urls, { repurgeMs: 0, log: () => {}, ...options })
  purgers.push(purger)
  return purger
}

describe('VarnishPurger', () => {
  test('VARNISH_PURGE_URLS: a list of http(s) URLs; anything else stops the start', () => {
    expect(varnishPurgeUrls('http://a/, http://b:6081/')).toEqual(['http://a/', 'http://b:6081/'])
    expect(varnishPurgeUrls('')).toEqual([])
    expect(() => varnishPurgeUrls('varnish:80')).toThrow(/not an http\(s\) URL/)
  })

  test('returns at once; keys of one moment go in one PURGE to every Varnish', async () => {
    const [one, two] = [await fakeVarnish(), await fakeVarnish()]
    closers.push(one.close, two.close)
    const purger = purgerFor([one.url, two.url])
    const started = performance.now()
    purger.purge(['articles:1', 'articles'])
    purger.purge(['images:2'])
    expect(performance.now() - started).toBeLessThan(50)
    expect(await purger.drain()).toBe(true)
    for (const varnish of [one, two]) {
      expect(varnish.received.every((r) => r.method === 'PURGE')).toBe(true)
      expect(varnish.received.flatMap((r) => r.xkey.split(' ')).sort()).toEqual([
        'articles',
        'articles:1',
        'images:2',
      ])
    }
  })

  test('a failed purge keeps its keys and is retried until Varnish answers 200', async () => {
    const varnish = await fakeVarnish((n) => (n <= 2 ? 503 : 200))
    closers.push(varnish.close)
    const logged: string[] = []
    const purger = purgerFor([varnish.url], { log: (m) => logged.push(m) })
    purger.purge(['articles:7'])
    expect(await purger.drain(5000)).toBe(true)
    expect(varnish.received.map((r) => r.xkey)).toEqual(['articles:7', 'articles:7', 'articles:7'])
    expect(logged).toHaveLength(2) // once when it failed, once when it worked again
  })

  test('a Varnish that does not answer costs the timeout, then a retry', async () => {
    const varnish = await fakeVarnish((n) => (n === 1 ? 'hang' : 200))
    closers.push(varnish.close)
    const purger = purgerFor([varnish.url], { timeoutMs: 200 })
    purger.purge(['articles:8'])
    expect(await purger.drain(5000)).toBe(true)
    expect(varnish.received).toHaveLength(2)
  })

  test('everything, or too many keys: one key every object carries', async () => {
    const varnish = await fakeVarnish()
    closers.push(varnish.close)
    const purger = purgerFor([varnish.url])
    purger.purge('all')
    await purger.drain()
    purger.purge(Array.from({ length: 20_000 }, (_, i) => `articles:${i}`))
    await purger.drain()
    expect(varnish.received.map((r) => r.xkey)).toEqual([ALL_KEY, ALL_KEY])
  })

  test("many keys: several PURGE requests, each header under Varnish's 8 KB limit", async () => {
    const varnish = await fakeVarnish()
    closers.push(varnish.close)
    const purger = purgerFor([varnish.url])
    const keys = Array.from({ length: 2000 }, (_, i) => `articles:${i}`)
    purger.purge(keys)
    await purger.drain()
    expect(varnish.received.length).toBeGreaterThan(1)
    expect(Math.max(...varnish.received.map((r) => r.xkey.length))).toBeLessThan(8 * 1024)
    expect(varnish.received.flatMap((r) => r.xkey.split(' '))).toEqual(keys)
  })

  test('every purge is sent again later (a read stored between the commit and the purge)', async () => {
    const varnish = await fakeVarnish()
    closers.push(varnish.close)
    const purger = purgerFor([varnish.url], { repurgeMs: 100 })
    purger.purge(['articles:9'])
    await purger.drain()
    await new Promise((resolve) => setTimeout(resolve, 200))
    await purger.drain()
    expect(varnish.received.map((r) => r.xkey)).toEqual(['articles:9', 'articles:9'])
  })
})
