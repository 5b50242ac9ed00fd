/**
 * `admission()`: uncached work (Payload's API and Next's pages, after the response cache's `front`
 * has answered every hit) is admitted first come, first served, a few at a time.
 *
 * Why: libsql runs SQLite synchronously and Payload's awaits resolve in microtasks, so an uncached
 * read runs from parse to `res.end()` without giving the event loop a turn. Meanwhile every other
 * connection waits unread in the kernel, and which one the loop reads next is up to its I/O
 * polling, not arrival: under 20 connections some were served again and again while others waited
 * seconds (p50 224 ms, p99 1.2 s; the evidence in docs/performance.md). Here requests are read as
 * they come and answered in that order; throughput is the same, the tail stays near the median.
 *
 * When the queue is full the request is answered at once with 503 and `Retry-After`, so a burst
 * costs the client a retry instead of the server its memory. A client that leaves while waiting
 * gives up its place. A request whose body is still arriving (an upload) is not queued: holding a
 * place while a slow client sends would let a few slow clients stop everyone; writes queue for
 * the database anyway (src/database/writeLock.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { NextFunction, Request, Response } from 'express'

export type AdmissionOptions = {
  /** How many requests are worked on at once (`ADMISSION_CONCURRENCY`, default 2). */
  concurrency: number
  /** How many may wait (`ADMISSION_QUEUE`, default 256); beyond that: 503. */
  queueLength: number
  /** The `Retry-After` of a 503, in seconds. */
  retryAfterSeconds?: number
}

export function admissionOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): AdmissionOptions {
  const number = (name: string, fallback: number, min: number, max: number) => {
    const value = env[name] ? Number(env[name]) : fallback
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${env[name]}"`)
    return value
  }
  return {
    concurrency: number('ADMISSION_CONCURRENCY', 2, 1, 100_000),
    queueLength: number('ADMISSION_QUEUE', 256, 0, 100_000),
  }
}

/** Paths that are not worth a place: Next's static files and the health check. */
const UNQUEUED = /^\/(_next\/static\/|healthz$)/

// `complete` is set only after the 'request' event, even for a request without a body.
const bodyless = (req: IncomingMessage) =>
  !req.headers['transfer-encoding'] && !Number(req.headers['content-length'])

export type Admission = ((req: Request, res: Response, next: NextFunction) => void) & {
  /** Requests being worked on and waiting now. */
  readonly active: number
  readonly waiting: number
}

export function admission({
  concurrency,
  queueLength,
  retryAfterSeconds = 1,
}: AdmissionOptions): Admission {
  let active = 0
  const queue: Array<() => void> = []

  const release = () => {
    active--
    // The next one in arrival order; one whose client left was taken out of the queue already.
    const next = queue.shift()
    if (next) {
      active++
      next()
    }
  }

  /**
   * Holds a place until the answer is complete (`res.end()` called: the work is done, a slow
   * reader does not keep the place while the bytes drain) or the connection closes. The place is
   * given back only after the event loop's next poll for I/O (setImmediate): requests that arrived
   * meanwhile are read and queued first, so the next one admitted is the oldest waiting. Given back
   * at once, the next request read in the same poll phase would take it, and sockets the loop had
   * not read yet would wait behind every later request on the sockets it had.
   */
  const hold = (res: ServerResponse) => {
    let held = true
    const done = () => {
      if (!held) return
      held = false
      setImmediate(release)
    }
    const end = res.end
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      done()
      return (end as (...a: unknown[]) => ServerResponse).apply(this, args)
    } as ServerResponse['end']
    res.once('close', done)
  }

  const middleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => {
    if (UNQUEUED.test(req.url ?? '') || !(bodyless(req) || req.complete)) return next()
    if (active < concurrency) {
      active++
      hold(res)
      return next()
    }
    if (queue.length >= queueLength) {
      res.statusCode = 503
      res.setHeader('Retry-After', String(retryAfterSeconds))
      res.setHeader('Cache-Control', 'no-store')
      res.setHeader('Content-Type', 'application/json; charset=utf-8')
      res.end(JSON.stringify({ errors: [{ message: 'The server is busy: try again shortly.' }] }))
      return
    }
    const admit = () => {
      res.off('close', leave)
      hold(res)
      next()
    }
    const leave = () => {
      const at = queue.indexOf(admit)
      if (at >= 0) queue.splice(at, 1)
    }
    res.once('close', leave)
    queue.push(admit)
  }

  return Object.defineProperties(middleware, {
    active: { get: () => active },
    waiting: { get: () => queue.length },
  }) as unknown as Admission
}
