/**
 * Keyed counters kept by the cluster's primary (`WEB_CONCURRENCY`, src/server/cluster.ts), so that
 * the worker processes of one server count logins together without Redis. A worker asks over
 * node:cluster's IPC channel with the key already hashed (a message is a few dozen bytes whatever
 * the client sent); the primary answers from one bounded memory store per name. While the primary
 * does not answer (500 ms), the worker counts in its own memory, as the Redis store does.
 */
import type { Cluster, Worker } from 'node:cluster'
import cluster from 'node:cluster'

import { hashKey, type KeyedCounterStore, memoryCounterStore } from './keyedStore'

type Op = 'hit' | 'count' | 'retryAfter' | 'removeLast' | 'clear'
type Ask = {
  newsroomCounters: { id: number; store: string; op: Op; key: string; windowMs: number }
}
type Reply = { newsroomCounters: { id: number; result: number | null } }

// The names a worker may ask for: a message names a store, it cannot make new ones.
const STORES = ['login'] as const
export type PrimaryStoreName = (typeof STORES)[number]

/** In the primary: answers the workers' questions about counters. */
export function serveCounterStores(primary: Cluster): void {
  const stores = new Map<string, KeyedCounterStore>(
    STORES.map((name) => [name, memoryCounterStore()]),
  )
  primary.on('message', (worker: Worker, message: Ask) => {
    const ask = message?.newsroomCounters
    const store = ask && stores.get(ask.store)
    if (!store || typeof ask.key !== 'string' || !Number.isFinite(ask.windowMs)) return
    const work: Record<Op, () => Promise<number | void>> = {
      hit: () => store.hit(ask.key, ask.windowMs),
      count: () => store.count(ask.key, ask.windowMs),
      retryAfter: () => store.retryAfter(ask.key, ask.windowMs),
      removeLast: () => store.removeLast(ask.key),
      clear: () => store.clear(ask.key),
    }
    void work[ask.op]?.().then((result) => {
      if (worker.isConnected())
        worker.send({ newsroomCounters: { id: ask.id, result: result ?? null } } satisfies Reply)
    })
  })
}

/** In a worker: the primary's store `name`. */
export function primaryCounterStore(
  name: PrimaryStoreName,
  { timeoutMs = 500 }: { timeoutMs?: number } = {},
): KeyedCounterStore {
  const fallback = memoryCounterStore()
  const waiting = new Map<number, (result: number | null) => void>()
  let next = 0
  process.on('message', (message: Reply) => {
    const reply = message?.newsroomCounters
    if (reply && 'result' in reply) waiting.get(reply.id)?.(reply.result)
  })
  const ask = <T extends number | void>(op: Op, key: string, windowMs = 0): Promise<T> => {
    const hashed = hashKey(key)
    const id = next++
    return new Promise<T>((resolve) => {
      const local = () => {
        if (!waiting.delete(id)) return // answered already
        resolve(fallback[op](hashed, windowMs) as Promise<T>)
      }
      const timer = setTimeout(local, timeoutMs)
      waiting.set(id, (result) => {
        clearTimeout(timer)
        waiting.delete(id)
        resolve((result ?? undefined) as T)
      })
      const message: Ask = { newsroomCounters: { id, store: name, op, key: hashed, windowMs } }
      if (!process.connected || !process.send) local()
      else process.send(message, undefined, {}, (error) => error && local())
    })
  }
  return {
    hit: (key, windowMs) => ask<number>('hit', key, windowMs),
    count: (key, windowMs) => ask<number>('count', key, windowMs),
    retryAfter: (key, windowMs) => ask<number>('retryAfter', key, windowMs),
    removeLast: (key) => ask<void>('removeLast', key),
    clear: (key) => ask<void>('clear', key),
    get bytes() {
      return fallback.bytes
    },
  }
}

/** Whether this process is a cluster worker (its primary keeps the shared counters). */
export const inClusterWorker = (): boolean => cluster.isWorker
