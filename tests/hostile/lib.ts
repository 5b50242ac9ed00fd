/**
 * The hostile-client suite's plumbing: the compiled server started with `--expose-gc` and the test
 * metrics hook (src/server/testMetrics.ts), a raw HTTP client (node:http: chosen source address,
 * bytes as given, a deadline), the /healthz prober and the per-case figures.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import { Worker } from 'node:worker_threads'

import { SERVER_ARGS } from '../../scripts/server-args.mjs'
import { freePort, root, sleep } from '../helpers/server'

export type Answer = { status: number; body: Buffer; ms: number; error?: string }
export type Send = {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: Buffer | string
  /** what the report calls it (default: method and path) */
  label?: string
  /** source address (127.0.0.x): many clients without TRUST_PROXY */
  from?: string
  timeoutMs?: number
}

export type Server = {
  child: ChildProcess
  port: number
  base: string
  output: () => string
  alive: () => boolean
  stop: () => Promise<void>
}

export async function startServer(env: Record<string, string>, ms = 180_000): Promise<Server> {
  const port = await freePort()
  let output = ''
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    NODE_ENV: 'production',
    PORT: String(port),
    NEWSROOM_TEST_METRICS: '1',
    // the runner loads the config from source; the server runs its build
    NODE_OPTIONS: '',
  }
  const child = spawn(process.execPath, ['--expose-gc', ...SERVER_ARGS], {
    cwd: root,
    env: childEnv,
  })
  // never outlive the suite, however it ends
  process.once('exit', () => child.kill('SIGKILL'))
  child.stdout!.on('data', (d: Buffer) => (output = (output + d).slice(-200_000)))
  child.stderr!.on('data', (d: Buffer) => (output = (output + d).slice(-200_000)))
  const started = Date.now()
  while (!output.includes('Newsroom CMS ready')) {
    if (child.exitCode !== null || child.signalCode)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`)
    if (Date.now() - started > ms) {
      child.kill('SIGKILL')
      throw new Error(`server not ready after ${ms / 1000}s:\n${output}`)
    }
    await sleep(200)
  }
  const alive = () => child.exitCode === null && !child.signalCode
  const stop = async () => {
    if (!alive()) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await Promise.race([exited, sleep(15_000)])
    if (alive()) child.kill('SIGKILL')
  }
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => output, alive, stop }
}

/** One request; never throws: a network error or the deadline is status 0 with `error`. */
export function send(port: number, s: Send): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve) => {
    let done = false
    const finish = (a: Omit<Answer, 'ms'>) => {
      if (done) return
      done = true
      resolve({ ...a, ms: performance.now() - started })
    }
    const body = typeof s.body === 'string' ? Buffer.from(s.body) : s.body
    let req: http.ClientRequest
    try {
      req = http.request({
        host: '127.0.0.1',
        port,
        method: s.method ?? 'GET',
        path: s.path,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...s.headers },
        // a connection of its own: a server that closes after a refused body cannot break the next request
        agent: false,
        localAddress: s.from,
      })
    } catch (error) {
      finish({ status: 0, body: Buffer.alloc(0), error: `refused by the client: ${error}` })
      return
    }
    req.setTimeout(s.timeoutMs ?? 60_000, () => {
      req.destroy()
      finish({ status: 0, body: Buffer.alloc(0), error: 'timeout' })
    })
    req.on('error', (e) => finish({ status: 0, body: Buffer.alloc(0), error: e.message }))
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        // keep what the checks read; count the rest
        if (size < 4 * 1024 * 1024) chunks.push(c)
        size += c.length
      })
      res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
      res.on('error', (e) =>
        finish({ status: res.statusCode ?? 0, body: Buffer.alloc(0), error: e.message }),
      )
    })
    req.end(body)
  })
}

/** Bytes on a fresh socket, exactly as given (request lines node:http would refuse to write). */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes))
    let done = false
    const finish = (error?: string) => {
      if (done) return
      done = true
      const text = Buffer.concat(chunks)
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text.toString('latin1'))?.[1] ?? 0)
      resolve({ status, body: text, ms: performance.now() - started, error })
    }
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      finish('timeout')
    })
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('close', () => finish())
    socket.on('error', (e) => finish(e.message))
  })
}

/** Runs `tasks` with at most `width` at a time. */
export async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++
        out[i] = await tasks[i]()
      }
    }),
  )
  return out
}

export type Metrics = {
  gcAvailable: boolean
  cpuMs: number
  heapUsedMb: number
  retainedHeapMb: number | null
  peakHeapMb: number
  rssMb: number
  peakRssMb: number
  eventLoopDelayMs: { mean: number; p50: number; p99: number; max: number }
}

export async function metrics(port: number, opts: { gc?: boolean; reset?: boolean } = {}) {
  const q = [opts.gc ? 'gc=1' : '', opts.reset ? 'reset=1' : ''].filter(Boolean).join('&')
  const a = await send(port, { path: `/__test/metrics${q ? `?${q}` : ''}`, timeoutMs: 30_000 })
  if (a.status !== 200) throw new Error(`metrics hook: ${a.status} ${a.error ?? ''}`)
  return JSON.parse(a.body.toString()) as Metrics
}

/**
 * Probes /healthz from a worker thread (tests/hostile/healthProbe.mjs) for as long as it runs; a
 * probe that takes longer than the liveness bound or answers anything but 200 is a liveness failure.
 * `port` is read at each (re)start: a restarted server has a new port.
 */
export class HealthProbe {
  latencies: number[] = []
  failures: string[] = []
  private worker?: Worker
  constructor(
    private port: () => number,
    private boundMs: number,
  ) {}
  start() {
    this.worker = new Worker(new URL('./healthProbe.mjs', import.meta.url), {
      workerData: { port: this.port(), boundMs: this.boundMs },
    })
    this.worker.on('message', (r: { ms: number; failure?: string }) => {
      this.latencies.push(r.ms)
      if (r.failure) this.failures.push(r.failure)
    })
    this.worker.unref()
  }
  async stop() {
    await this.worker?.terminate()
    this.worker = undefined
  }
  async restart() {
    await this.stop()
    this.start()
  }
  /** Figures since the last take, then forgets them. */
  take() {
    const lat = [...this.latencies].sort((a, b) => a - b)
    const failures = this.failures
    this.latencies = []
    this.failures = []
    return {
      count: lat.length,
      p50: pct(lat, 50),
      p99: pct(lat, 99),
      max: lat.at(-1) ?? 0,
      failures,
    }
  }
}

export const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0

export const round = (n: number) => Math.round(n * 10) / 10
