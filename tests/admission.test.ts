import http, { type Server } from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, test } from '@jest/globals'
import express, { type RequestHandler } from 'express'

import { type Admission, admission, admissionOptionsFromEnv } from '../src/server/admission'

// The admission queue of src/server/serve.ts in front of stand-in handlers: arrival order, a bounded
// queue answered with 503 and Retry-After, places given back by clients that leave.

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections() // fetch keeps its connections open
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function serve(admit: Admission, handler: RequestHandler): Promise<string> {
  const app = express()
  app.use(admit)
  app.use(handler)
  server = http.createServer(app)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(condition()).toBe(true)
}

/** A handler that answers each request only when told to; `handled` lists the paths it started. */
function held() {
  const handled: string[] = []
  const waiting: Array<() => void> = []
  const handler: RequestHandler = (req, res) => {
    handled.push(req.path)
    waiting.push(() => res.end(req.path))
  }
  const releaseOne = () => waiting.shift()?.()
  return { handled, handler, releaseOne }
}

describe('admission queue', () => {
  test('requests are worked on in the order they arrived, `concurrency` at a time', async () => {
    const admit = admission({ concurrency: 1, queueLength: 10 })
    const { handled, handler, releaseOne } = held()
    const base = await serve(admit, handler)
    const answers: Promise<string>[] = []
    for (const name of ['a', 'b', 'c', 'd']) {
      answers.push(fetch(`${base}/${name}`).then((r) => r.text()))
      await until(() => admit.active + admit.waiting === answers.length)
    }
    expect(handled).toEqual(['/a'])
    expect(admit.waiting).toBe(3)
    for (let i = 0; i < 4; i++) {
      await until(() => handled.length === i + 1)
      releaseOne()
    }
    expect(await Promise.all(answers)).toEqual(['/a', '/b', '/c', '/d'])
    expect(handled).toEqual(['/a', '/b', '/c', '/d'])
    await until(() => admit.active === 0)
  })

  test('a full queue answers 503 with Retry-After at once; the queued ones are still served', async () => {
    const admit = admission({ concurrency: 1, queueLength: 2 })
    const { handled, handler, releaseOne } = held()
    const base = await serve(admit, handler)
    const answers = ['a', 'b', 'c'].map((name) => fetch(`${base}/${name}`))
    await until(() => admit.active === 1 && admit.waiting === 2)
    const refused = await fetch(`${base}/d`)
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect(await refused.json()).toEqual({
      errors: [{ message: 'The server is busy: try again shortly.' }],
    })
    for (let i = 0; i < 3; i++) {
      await until(() => handled.length === i + 1)
      releaseOne()
    }
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200])
    expect(handled).toEqual(['/a', '/b', '/c'])
  })

  test('a client that leaves while waiting gives up its place', async () => {
    const admit = admission({ concurrency: 1, queueLength: 5 })
    const { handled, handler, releaseOne } = held()
    const base = await serve(admit, handler)
    const first = fetch(`${base}/a`)
    await until(() => admit.active === 1)
    const abort = new AbortController()
    const gone = fetch(`${base}/b`, { signal: abort.signal }).catch(() => 'aborted')
    await until(() => admit.waiting === 1)
    abort.abort()
    expect(await gone).toBe('aborted')
    await until(() => admit.waiting === 0)
    const third = fetch(`${base}/c`)
    await until(() => admit.waiting === 1)
    releaseOne()
    await until(() => handled.length === 2)
    releaseOne()
    expect((await first).status).toBe(200)
    expect(await (await third).text()).toBe('/c')
    expect(handled).toEqual(['/a', '/c']) // /b never ran
  })

  test('a client that does not read its answer does not keep the place', async () => {
    const admit = admission({ concurrency: 1, queueLength: 5 })
    const served: string[] = []
    const base = await serve(admit, (req, res) => {
      served.push(req.path)
      res.end(req.path === '/big' ? Buffer.alloc(32 * 1024 * 1024) : 'small')
    })
    const { port } = new URL(base)
    const reader = net.connect(Number(port), '127.0.0.1')
    reader.pause() // never reads: the 32 MB stay in the server's buffers
    reader.write('GET /big HTTP/1.1\r\nHost: x\r\n\r\n')
    await until(() => served.length === 1)
    const small = await fetch(`${base}/small`, { signal: AbortSignal.timeout(10_000) })
    expect(await small.text()).toBe('small')
    reader.destroy()
  })

  test('settings from the environment, bounded', () => {
    expect(admissionOptionsFromEnv({})).toEqual({ concurrency: 2, queueLength: 256 })
    expect(admissionOptionsFromEnv({ ADMISSION_CONCURRENCY: '4', ADMISSION_QUEUE: '0' })).toEqual({
      concurrency: 4,
      queueLength: 0,
    })
    expect(() => admissionOptionsFromEnv({ ADMISSION_CONCURRENCY: '0' })).toThrow(
      /ADMISSION_CONCURRENCY must be a whole number from 1/,
    )
    expect(() => admissionOptionsFromEnv({ ADMISSION_QUEUE: 'lots' })).toThrow(/ADMISSION_QUEUE/)
  })
})
