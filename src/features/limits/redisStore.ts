/**
 * The keyed counters in Redis (`REDIS_URL`), so that every instance counts the same login
 * attempts: one sorted set of hit times per hashed key (22 characters whatever the client sent),
 * at most `maxHitsPerKey` entries, expiring with its window. While Redis does not answer (within
 * `timeoutMs`), the counters fall back to this process's memory and say so once in the log: logins
 * stay limited, per instance, and the site keeps serving.
 */
import crypto from 'node:crypto'

import type { Redis } from 'ioredis'

import { type KeyedCounterStore, hashKey, memoryCounterStore } from './keyedStore'

export type RedisCounterStoreOptions = {
  prefix?: string
  maxHitsPerKey?: number
  timeoutMs?: number
  log?: (message: string) => void
}

const ready = (redis: Redis, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
    redis.once('ready', done)
  })

export function redisCounterStore(
  url: string,
  {
    prefix = 'newsroom:limits:',
    maxHitsPerKey = 64,
    timeoutMs = 500,
    log = (message) => console.error(message),
  }: RedisCounterStoreOptions = {},
): KeyedCounterStore & { close(): Promise<void> } {
  const fallback = memoryCounterStore({ maxHitsPerKey })
  let client: Promise<Redis> | undefined
  let down = false
  const connect = () =>
    (client ??= import('ioredis').then(({ Redis }) => {
      const redis = new Redis(url, {
        lazyConnect: false,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: timeoutMs,
        retryStrategy: (times: number) => Math.min(times * 200, 2000),
      })
      redis.on('error', () => {}) // reported once per outage below
      // Its socket must not keep a process alive that is done otherwise (tests, CLIs).
      redis.on('connect', () =>
        (redis as unknown as { stream?: { unref?(): void } }).stream?.unref?.(),
      )
      return redis
    }))
  /** Runs `work` on Redis, or `memory` while Redis does not answer. */
  const use = async <T>(work: (redis: Redis) => Promise<T>, memory: () => Promise<T>) => {
    try {
      const redis = await connect()
      // Being connected (the first logins after a start): wait a moment rather than count apart.
      if (redis.status === 'connecting' || redis.status === 'connect') await ready(redis, timeoutMs)
      if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`)
      const result = await work(redis)
      if (down) log('limits: Redis answers again; login limits shared by every instance')
      down = false
      return result
    } catch (error) {
      if (!down)
        log(
          `limits: Redis unreachable (${(error as Error).message}); counting logins in this process`,
        )
      down = true
      return memory()
    }
  }
  const keyOf = (key: string) => `${prefix}${hashKey(key)}`
  return {
    hit: (key, windowMs) =>
      use(
        async (redis) => {
          const now = Date.now()
          const k = keyOf(key)
          const member = `${now}-${crypto.randomBytes(4).toString('hex')}`
          const results = await redis
            .multi()
            .zremrangebyscore(k, 0, now - windowMs)
            .zadd(k, now, member)
            .zremrangebyrank(k, 0, -(maxHitsPerKey + 1))
            .zcard(k)
            .pexpire(k, windowMs)
            .exec()
          const failed = results?.find(([error]) => error)
          if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted')
          return Number(results[3]![1])
        },
        () => fallback.hit(key, windowMs),
      ),
    count: (key, windowMs) =>
      use(
        (redis) => redis.zcount(keyOf(key), `(${Date.now() - windowMs}`, '+inf'),
        () => fallback.count(key, windowMs),
      ),
    retryAfter: (key, windowMs) =>
      use(
        async (redis) => {
          const now = Date.now()
          const [, score] = await redis.zrangebyscore(
            keyOf(key),
            `(${now - windowMs}`,
            '+inf',
            'WITHSCORES',
            'LIMIT',
            0,
            1,
          )
          const oldest = score === undefined ? now : Number(score)
          return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))
        },
        () => fallback.retryAfter(key, windowMs),
      ),
    removeLast: (key) =>
      use(
        async (redis) => void (await redis.zpopmax(keyOf(key))),
        () => fallback.removeLast(key),
      ),
    clear: (key) =>
      use(
        async (redis) => void (await redis.del(keyOf(key))),
        () => fallback.clear(key),
      ),
    get bytes() {
      return fallback.bytes // Redis's share is bounded by keys × maxHitsPerKey, each with a TTL
    },
    async close() {
      const redis = await client
      client = undefined
      await redis?.quit().catch(() => {})
    },
  }
}
