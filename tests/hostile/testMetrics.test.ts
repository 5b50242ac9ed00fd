import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, test } from '@jest/globals'
import express from 'express'

import { mountTestMetrics } from '../../src/server/testMetrics'

// The hostile-client suite's metrics hook: absent unless NEWSROOM_TEST_METRICS=1 (production never
// has the route), and then only for loopback clients.
let server: http.Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

async function serve(env: Record<string, string | undefined>) {
  const app = express()
  mountTestMetrics(app, env)
  app.use((_req, res) => res.status(404).send('not found'))
  server = http.createServer(app)
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('test metrics hook', () => {
  test('off without NEWSROOM_TEST_METRICS (production): 404', async () => {
    for (const value of [undefined, '', '0', 'true']) {
      const base = await serve({ NEWSROOM_TEST_METRICS: value })
      expect((await fetch(`${base}/__test/metrics`)).status).toBe(404)
      await new Promise<void>((r) => server!.close(() => r()))
      server = undefined
    }
  })

  test('on with NEWSROOM_TEST_METRICS=1: heap, RSS and event-loop delay; reset starts new peaks', async () => {
    const base = await serve({ NEWSROOM_TEST_METRICS: '1' })
    const res = await fetch(`${base}/__test/metrics?gc=1&reset=1`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, any>
    expect(body.heapUsedMb).toBeGreaterThan(0)
    expect(body.peakHeapMb).toBeGreaterThan(0)
    expect(body.rssMb).toBeGreaterThan(0)
    expect(typeof body.eventLoopDelayMs.p99).toBe('number')
    // jest runs without --expose-gc: no forced GC, no retained figure
    expect(body.gcAvailable).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function')
    if (!body.gcAvailable) expect(body.retainedHeapMb).toBeNull()
  })
})
