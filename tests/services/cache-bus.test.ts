import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

import { afterAll, describe, expect, test } from '@jest/globals'

import { PurgeBus } from '../../src/features/cache/bus'

// A purge that could not be published to Redis: other instances missed it, so this instance serves
// nothing from its cache until the purge went out (Debian's real redis-server, started late).

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

const until = async (condition: () => boolean, ms = 15_000) => {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > ms) return false
    await new Promise((r) => setTimeout(r, 100))
  }
  return true
}

let redis: ChildProcess | undefined
const buses: PurgeBus[] = []
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()))
  redis?.kill()
})

describe('the purge bus after a failed publish', () => {
  test('stops serving until the missed purge is published, then serves again', async () => {
    const port = await freePort()
    const url = `redis://127.0.0.1:${port}`
    const bus = new PurgeBus(url, undefined)
    buses.push(bus)
    bus.listen(() => {})
    expect(bus.available).toBe(false) // not subscribed yet
    await bus.purge(['articles:1'])
    expect(bus.available).toBe(false)

    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
    const other = new PurgeBus(url, undefined)
    buses.push(other)
    const received: unknown[] = []
    other.listen((purge) => received.push(purge))
    // Both subscribed, and the missed purge went out (the other instance got it): serving again.
    expect(await until(() => bus.available && other.available)).toBe(true)
    expect(
      await until(() => received.some((p) => Array.isArray(p) && p.includes('articles:1'))),
    ).toBe(true)
    await bus.purge(['articles:2'])
    expect(
      await until(() => received.some((p) => Array.isArray(p) && p.includes('articles:2'))),
    ).toBe(true)
  })
})
