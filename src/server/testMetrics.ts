import { monitorEventLoopDelay } from 'node:perf_hooks'

import type { Express, Request } from 'express'

/** The variable that turns the hook on; unset (production) there is no such route (Next's 404). */
export const TEST_METRICS_ENV = 'NEWSROOM_TEST_METRICS'

const loopback = (req: Request) => /^(::ffff:)?127\.|^::1$/.test(req.socket.remoteAddress ?? '')
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10

/**
 * `GET /__test/metrics` for the hostile-client suite (tests/hostile/): heap and RSS (current and
 * peak since the last reset), CPU time, heap after a forced GC (`?gc=1`, when Node runs with `--expose-gc`)
 * and the event-loop delay histogram; `?reset=1` starts new peaks and a new histogram. Only with
 * `NEWSROOM_TEST_METRICS=1` and only to loopback clients: it reveals memory figures and forces GCs.
 */
export function mountTestMetrics(
  app: Express,
  env: Record<string, string | undefined> = process.env,
): void {
  if (env[TEST_METRICS_ENV] !== '1') return
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  let peakHeap = 0
  let peakRss = 0
  const sample = () => {
    const { heapUsed, rss } = process.memoryUsage()
    peakHeap = Math.max(peakHeap, heapUsed)
    peakRss = Math.max(peakRss, rss)
  }
  // Sampled, so a peak between two samples is missed; 50 ms is fine-grained next to the requests.
  setInterval(sample, 50).unref()
  const gc = (globalThis as { gc?: () => void }).gc
  app.get('/__test/metrics', (req, res) => {
    if (!loopback(req)) {
      res.status(404).end()
      return
    }
    sample()
    let retainedHeap: number | null = null
    if (req.query.gc === '1' && gc) {
      gc()
      gc() // a second pass frees what the first one's finalizers released
      retainedHeap = mb(process.memoryUsage().heapUsed)
    }
    const { heapUsed, rss } = process.memoryUsage()
    const cpu = process.cpuUsage()
    res.set('cache-control', 'no-store').json({
      gcAvailable: Boolean(gc),
      // the process's CPU time so far (all threads: libvips and the thread pool too)
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      heapUsedMb: mb(heapUsed),
      retainedHeapMb: retainedHeap,
      peakHeapMb: mb(peakHeap),
      rssMb: mb(rss),
      peakRssMb: mb(peakRss),
      eventLoopDelayMs: {
        mean: ms(delay.mean),
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
      },
    })
    if (req.query.reset === '1') {
      delay.reset()
      peakHeap = heapUsed
      peakRss = rss
    }
  })
}
