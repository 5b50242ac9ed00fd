import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import express from 'express'

import { PurgeBus } from '../src/cache/bus'
import { responseCache } from '../src/cache/middleware'

// The Express side of the response cache with a stand-in for Next that counts its calls: pages keyed
// by the consent decision's revision, GraphQL bodies handed on intact, purges by tag.

let server: Server
let base: string
const calls: string[] = []
// Its own journal file: the test must not touch the app's data/ folder.
const journal = path.join(os.tmpdir(), `cache-middleware-${process.pid}.cache-purges`)
const bus = new PurgeBus('', journal)

function next(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, 'http://x')
  calls.push(`${req.method} ${url.pathname}`)
  if (url.pathname === '/api/graphql') {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('Surrogate-Key', 'articles:1')
      res.end(JSON.stringify({ data: { echo: JSON.parse(body) } }))
    })
    return
  }
  if (url.pathname.startsWith('/en/articles/')) {
    const consent = /newsroom_consent=(\d+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'none'
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Surrogate-Key': 'articles:1 global:consent',
      'Cache-Control': 'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
    })
    res.write('<html><body>')
    res.end(`banner for revision ${consent} #${calls.length}</body></html>`)
    return
  }
  res.statusCode = 404
  res.end('not found')
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers })

describe('the response cache middleware', () => {
  beforeAll(async () => {
    const app = express()
    app.use(responseCache(next, { enabled: true, maxBytes: 1024 * 1024, bus }))
    server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()))
    fs.rmSync(journal, { force: true })
  })

  test('pages with a Surrogate-Key and a public Cache-Control are cached per consent revision', async () => {
    const first = await (await get('/en/articles/a')).text()
    const again = await get('/en/articles/a')
    expect(again.headers.get('x-cache')).toBe('HIT')
    expect(await again.text()).toBe(first)
    const decided = await get('/en/articles/a', { cookie: 'newsroom_consent=3.abc.all' })
    expect(decided.headers.get('x-cache')).toBe('MISS')
    expect(await decided.text()).toContain('revision 3')
    const decidedAgain = await get('/en/articles/a', {
      cookie: 'other=1; newsroom_consent=3.def.necessary',
    })
    expect(decidedAgain.headers.get('x-cache')).toBe('HIT')
    const staff = await get('/en/articles/a', { cookie: 'payload-token=abc' })
    expect(staff.headers.get('x-cache')).toBe('BYPASS')
  })

  test('a purge of one of its tags drops the page; a 404 is never stored', async () => {
    await get('/en/articles/b')
    expect((await get('/en/articles/b')).headers.get('x-cache')).toBe('HIT')
    await bus.purge(['global:consent'])
    expect((await get('/en/articles/b')).headers.get('x-cache')).toBe('MISS')
    await get('/missing')
    const missing = await get('/missing')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-cache')).toBe('MISS')
  })

  test('a GraphQL POST body reaches the handler byte for byte; mutations bypass', async () => {
    const body = JSON.stringify({ query: '{ Articles { docs { title } } }', variables: { ü: 'ß' } })
    const post = (text: string) =>
      fetch(`${base}/api/graphql?locale=de`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      })
    const first = await post(body)
    expect((await first.json()).data.echo).toEqual(JSON.parse(body))
    const before = calls.length
    const second = await post(body)
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(calls.length).toBe(before)
    const mutation = await post(
      JSON.stringify({ query: 'mutation { deleteArticle(id: "1") { id } }' }),
    )
    expect(mutation.headers.get('x-cache')).toBe('BYPASS')
    expect((await mutation.json()).data.echo.query).toContain('mutation')
  })
})
