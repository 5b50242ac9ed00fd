/**
 * `WEB_CONCURRENCY=N`: N server processes on one machine behind one port (node:cluster). The primary
 * accepts the connections and hands each to the worker with the fewest open ones. (node:cluster's own
 * round robin gives a connection to whichever worker acknowledged its last one first, so a busy
 * worker got fewer: 6 and 14 of 20 keep-alive connections, and the 14 waited twice as long.)
 *
 * Why: libsql runs SQLite on the event loop, so one process serves uncached reads on one core
 * however many the machine has (docs/performance.md). Each worker is a whole server with its own
 * Payload, response cache and admission queue; what they must share they already share as separate
 * instances do (docs/deployment.md#several-instances): purges through the journal beside the SQLite
 * file or Redis, start-up steps under the start-up lock, scheduled changes under a lease. Only
 * worker 0 runs the job crons and prints the start message. Login counters without Redis live in
 * the primary (../features/limits/primaryStore.ts), so N workers do not allow N× the attempts.
 *
 * The primary loads neither Payload nor Next. A worker that dies after it served is replaced; one
 * that fails before it served stops them all (a start-up error would only repeat). SIGTERM/SIGINT
 * are passed on; the primary exits when every worker has stopped.
 */
import cluster, { type Worker } from 'node:cluster'
import type { Server } from 'node:http'
import net, { type Socket } from 'node:net'

import { serveCounterStores } from '../features/limits/primaryStore'

/** The worker's index (0 … N-1) in a cluster; undefined in a single process. */
export const workerIndex = (): number | undefined =>
  cluster.isWorker ? Number(process.env.NEWSROOM_WORKER) : undefined

/** `WEB_CONCURRENCY` as a number of processes (1 when unset). Throws on anything else. */
export function workerCount(env: Record<string, string | undefined> = process.env): number {
  const value = env.WEB_CONCURRENCY?.trim()
  if (!value) return 1
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1 || n > 64)
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}"`)
  return n
}

/** Why these settings cannot run N processes, or null. */
export function clusterProblem(n: number, env: Record<string, string | undefined> = process.env) {
  if (n < 2) return null
  const uri = env.DATABASE_URI
  if (uri && /^(file:)?:memory:/.test(uri))
    return 'WEB_CONCURRENCY needs a database the processes share, not an in-memory SQLite'
  // Every process caches responses; a change made in one must purge the others' caches: through
  // the journal beside a SQLite file (no DATABASE_URI: data/newsroom.db) or through Redis.
  const sqliteFile = !uri || uri.startsWith('file:')
  if (!env.REDIS_URL && !sqliteFile)
    return 'WEB_CONCURRENCY with PostgreSQL or MongoDB needs REDIS_URL (the purge bus between the processes)'
  return null
}

// Connections accepted before any worker serves wait (paused), this many at most.
const MAX_WAITING_CONNECTIONS = 1024

/** Runs the primary: forks `n` workers and watches them. Never resolves while they serve. */
export function runPrimary(n: number, port: number): void {
  let stopping = false
  let exitCode = 0
  const served = new WeakSet<Worker>()
  const open = new Map<Worker, number>() // serving workers and their open connections
  const waiting: Socket[] = []
  // Handed over, not yet taken: the primary keeps its copy until the worker says it has the
  // connection, and hands it to another when that worker dies first (no request is lost to a crash).
  const handed = new Map<Worker, Map<number, Socket>>()
  let turn = 0
  let nextId = 0
  const handOver = (socket: Socket) => {
    if (socket.destroyed) return
    let least: Worker | undefined
    const workers = [...open.keys()].filter((w) => w.isConnected())
    for (let i = 0; i < workers.length; i++) {
      const worker = workers[(turn + i) % workers.length]!
      if (!least || open.get(worker)! < open.get(least)!) least = worker
    }
    turn++
    if (!least) {
      if (waiting.length >= MAX_WAITING_CONNECTIONS) return void socket.destroy()
      return void waiting.push(socket)
    }
    const worker = least
    const id = nextId++
    open.set(worker, open.get(worker)! + 1)
    handed.get(worker)!.set(id, socket)
    worker.send({ newsroomConnection: id }, socket, { keepOpen: true }, (error) => {
      if (error && handed.get(worker)?.delete(id)) handOver(socket)
    })
  }
  const listener = net.createServer({ pauseOnConnect: true }, handOver)
  listener.on('error', (error) => {
    console.error(`Cannot listen on port ${port}: ${error.message}`)
    exitCode = 1
    stop('no port')
  })
  listener.listen(port)

  const fork = (index: number) => {
    const worker = cluster.fork({
      NEWSROOM_WORKER: String(index),
      // One runner is enough (jobs run under a lease either way); the others' crons find no work.
      ...(index > 0 ? { JOBS: 'off' } : {}),
    })
    type Message = { newsroomServing?: true; newsroomTaken?: number; newsroomClosed?: true }
    worker.on('message', (message: Message) => {
      if (message?.newsroomServing) {
        served.add(worker)
        open.set(worker, 0)
        handed.set(worker, new Map())
        for (const socket of waiting.splice(0)) handOver(socket)
      } else if (typeof message?.newsroomTaken === 'number') {
        // The worker holds its own descriptor now: close the primary's.
        handed.get(worker)?.get(message.newsroomTaken)?.destroy()
        handed.get(worker)?.delete(message.newsroomTaken)
      } else if (message?.newsroomClosed && open.has(worker))
        open.set(worker, Math.max(0, open.get(worker)! - 1))
    })
    worker.on('exit', (code, signal) => {
      open.delete(worker)
      const untaken = [...(handed.get(worker)?.values() ?? [])]
      handed.delete(worker)
      for (const socket of untaken) {
        if (stopping) socket.destroy()
        else handOver(socket)
      }
      if (stopping) {
        exitCode ||= code ?? 0
        return
      }
      if (!served.has(worker)) {
        // A start-up failure: the worker printed why; another try would fail the same way.
        exitCode = code || 1
        return stop('a worker failed to start')
      }
      console.error(
        `Worker ${index} stopped (${signal ?? `exit code ${code}`}); starting another in its place.`,
      )
      setTimeout(() => fork(index), 1000).unref()
    })
  }
  const stop = (why: string) => {
    if (stopping) return
    stopping = true
    if (why.startsWith('SIG')) console.log(`${why}: stopping ${n} workers…`)
    listener.close()
    for (const socket of waiting.splice(0)) socket.destroy()
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  }
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode)
  })
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  serveCounterStores(cluster)
  for (let i = 0; i < n; i++) fork(i)
}

/**
 * In a worker: serves the connections the primary hands over, instead of listening, and tells the
 * primary it serves (so that a later exit means a crash, not a failed start). `server.close()`
 * then calls back once every connection it was handed has closed, as it does for a listening server.
 */
export function serveFromPrimary(server: Server): void {
  // A listening http.Server tracks its connections (idle ones closed on close, request timeouts)
  // from its 'listening' event on.
  server.emit('listening')
  const sockets = new Set<Socket>()
  let closed: Array<(error?: Error) => void> | undefined
  const drained = () => {
    if (!closed || sockets.size) return
    for (const callback of closed.splice(0)) callback()
    server.emit('close')
  }
  process.on('message', (message: { newsroomConnection?: number }, socket?: Socket) => {
    if (typeof message?.newsroomConnection !== 'number' || !socket) return
    process.send?.({ newsroomTaken: message.newsroomConnection })
    if (closed) return void socket.destroy() // handed over while this worker was stopping
    sockets.add(socket)
    socket.once('close', () => {
      sockets.delete(socket)
      if (process.connected) process.send?.({ newsroomClosed: true })
      drained()
    })
    // What net.Server does for a connection it accepts itself (http.createServer's `noDelay`):
    // without it, Nagle's algorithm held a write's last segment until the client's delayed ACK,
    // ~40 ms on every answer sent in more than one write (a publish: 46 → 100 ms).
    socket.setNoDelay(true)
    server.emit('connection', socket)
    socket.resume()
  })
  server.close = function (this: Server, callback?: (error?: Error) => void) {
    closed ??= []
    if (callback) closed.push(callback)
    server.closeIdleConnections()
    drained()
    return this
  } as Server['close']
  process.send?.({ newsroomServing: true })
}
