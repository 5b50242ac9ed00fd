import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import net from 'node:net'

import { afterAll, describe, expect, test } from '@jest/globals'

import { redisCounterStore } from '../../src/features/limits/redisStore'

// The login counters in Redis (src/features/limits/redisStore.ts) on Debian's real redis-server: two
// stores (two instances) count the same hits; keys are hashed, bounded and expire; while Redis is
// gone the counters fall back to the process and come back with it.

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

const startRedis = async (port: number) => {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  )
  for (let i = 0; i < 100; i++) {
    if (cli(port, 'ping') === 'PONG') return child
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('redis-server did not start')
}
const cli = (port: number, ...args: string[]) =>
  spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim()

let redis: ChildProcess | undefined
const stores: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()))
  redis?.kill('SIGKILL')
})

describe('login counters in Redis', () => {
  test('two instances count together; keys hashed, bounded, with a TTL; Redis gone and back', async () => {
    const port = await freePort()
    redis = await startRedis(port)
    const url = `redis://127.0.0.1:${port}`
    const logged: string[] = []
    const a = redisCounterStore(url, { maxHitsPerKey: 8, log: (m) => logged.push(m) })
    const b = redisCounterStore(url, { maxHitsPerKey: 8, log: (m) => logged.push(m) })
    stores.push(a, b)
    const key = `pair:users:${'x'.repeat(100_000)}@example.com:127.0.0.1`
    expect(await a.hit(key, 60_000)).toBe(1)
    expect(await b.hit(key, 60_000)).toBe(2)
    expect(await a.count(key, 60_000)).toBe(2)
    for (let i = 0; i < 20; i++) await b.hit(key, 60_000)
    expect(await a.count(key, 60_000)).toBe(8) // at most maxHitsPerKey entries
    expect(await a.retryAfter(key, 60_000)).toBeGreaterThan(50)

    const [stored] = cli(port, 'keys', '*').split('\n')
    expect(stored).toMatch(/^newsroom:limits:[A-Za-z0-9_-]{22}$/)
    const ttl = Number(cli(port, 'pttl', stored!))
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)

    await b.removeLast(key)
    expect(await a.count(key, 60_000)).toBe(7)
    await a.clear(key)
    expect(await b.count(key, 60_000)).toBe(0)

    redis.kill('SIGKILL')
    await new Promise((r) => redis!.once('exit', r))
    // Counted in the process meanwhile, and said once.
    expect(await a.hit('address:127.0.0.9', 60_000)).toBe(1)
    expect(await a.hit('address:127.0.0.9', 60_000)).toBe(2)
    expect(logged.filter((m) => /unreachable/.test(m))).toHaveLength(1)

    redis = await startRedis(port)
    let back = false
    for (let i = 0; i < 50 && !back; i++) {
      await new Promise((r) => setTimeout(r, 200))
      back = (await a.hit('address:127.0.0.10', 60_000)) === 1 && cli(port, 'dbsize') === '1'
    }
    expect(back).toBe(true)
    expect(logged.some((m) => /answers again/.test(m))).toBe(true)
  })
})
