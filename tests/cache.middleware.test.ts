import crypto from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import express from 'express'

import { PurgeBus } from '../src/features/cache/bus'
import {
  isPublicQuery,
  MAX_CACHED_QUERY_CHARS,
  parsedQueryBytes,
} from '../src/features/cache/graphqlRead'
import { responseCache, sharedMaxAge } from '../src/features/cache/middleware'
import { PUBLIC_CACHE_CONTROL } from '../src/features/cache/plugin'
import { ResponseStore } from '../src/features/cache/store'
import { PUBLIC_MARK_HEADER } from '../src/features/cache/publicMark'
import { consentDecision } from '../src/features/site/consentCookie'

// The Express side of the response cache, mounted as src/server/serve.ts mounts it, with stand-ins
// for Payload's API and for Next that count their calls: pages keyed by the consent decision's
// revision, GraphQL bodies handed on intact, purges by tag. The stand-ins mark their answers public
// as Payload would (`?unmarked` leaves the mark off, `?forged` sets a wrong one).

let server: Server
let base: string
const calls: string[] = []
// Its own journal file: the test must not touch the app's data/ folder.
const journal = path.join(os.tmpdir(), `cache-middleware-${process.pid}.cache-purges`)
const bus = new PurgeBus('', journal)
// This process's mark, as publicMarkValue(payload) gives it to the server.
const publicMark = crypto.randomBytes(18).toString('base64url')

/** Marks an answer public as Payload would (`?unmarked` leaves the mark off, `?forged` fakes it). */
function mark(url: URL, set: (name: string, value: string) => void) {
  if (url.searchParams.has('forged')) set(PUBLIC_MARK_HEADER, 'guessed')
  else if (!url.searchParams.has('unmarked')) set(PUBLIC_MARK_HEADER, publicMark)
}

/** The stand-in for Payload's API (`payloadApi`), mounted through `cache.api` as the server does. */
async function payloadApi(request: Request): Promise<Response> {
  const url = new URL(request.url)
  calls.push(`${request.method} ${url.pathname}`)
  const headers = new Headers()
  mark(url, (name, value) => headers.set(name, value))
  if (url.pathname === '/api/graphql') {
    headers.set('Content-Type', 'application/json')
    headers.set('Surrogate-Key', 'articles:1')
    const echo = JSON.parse(await request.text())
    return new Response(JSON.stringify({ data: { echo } }), { headers })
  }
  if (url.pathname.startsWith('/api/articles/')) {
    // A JSON answer as Payload gives it (CORS and tags), large enough to be gzipped, optionally
    // with a cookie (never stored) or an Origin-dependent CORS header.
    headers.set('Content-Type', 'application/json')
    headers.set('Surrogate-Key', 'articles:2')
    headers.set('Access-Control-Allow-Methods', 'GET, POST')
    const origin = request.headers.get('origin')
    if (origin) headers.set('Access-Control-Allow-Origin', origin)
    if (url.searchParams.has('cookie')) headers.set('Set-Cookie', 'seen=1')
    headers.set('Vary', 'Origin, rsc')
    const body = {
      id: 2,
      body: 'Absatz. '.repeat(400),
      call: calls.length,
      locales: url.searchParams.getAll('locale'),
    }
    return new Response(JSON.stringify(body), { headers })
  }
  return new Response('not found', { status: 404 })
}

/** The stand-in for Next: reader pages, a 404 for the rest. */
function next(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, 'http://x')
  calls.push(`${req.method} ${url.pathname}`)
  mark(url, (name, value) => res.setHeader(name, value))
  if (url.pathname.startsWith('/en/articles/')) {
    const consent = consentDecision(req.headers.cookie)?.revision ?? 'none'
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
    const cache = responseCache({ enabled: true, maxBytes: 1024 * 1024, bus, publicMark })
    // What src/server/serve.ts runs before the cache's handlers for misses: hits must carry its headers too.
    app.use((_req, res, nextLayer) => {
      res.setHeader('X-Frame-Options', 'SAMEORIGIN')
      nextLayer()
    })
    app.use(cache.api(payloadApi))
    app.use(cache.fill(next))
    // Hits before Express, as src/server/serve.ts mounts it.
    server = http.createServer(cache.front(app))
    server.listen(0, '127.0.0.1')
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
    const id = crypto.randomUUID()
    const decided = await get('/en/articles/a', { cookie: `newsroom_consent=3.${id}.all` })
    expect(decided.headers.get('x-cache')).toBe('MISS')
    const decidedText = await decided.text()
    expect(decidedText).toContain('revision 3')
    // Page and key read the cookie alike, however it is spelt; unparseable is "no decision".
    for (const cookie of [
      `other=1; newsroom_consent=3.${crypto.randomUUID()}.necessary`,
      `newsroom_consent =3.${id}.all`,
      `newsroom_consent=3%2E${id}.all`,
    ]) {
      const res = await get('/en/articles/a', { cookie })
      expect([cookie, res.headers.get('x-cache'), await res.text()]).toEqual([
        cookie,
        'HIT',
        decidedText,
      ])
    }
    for (const cookie of [
      'newsroom_consent=%',
      'newsroom_consent=3.garbage',
      'newsroom_consent=',
    ]) {
      const res = await get('/en/articles/a', { cookie })
      expect([cookie, res.status, res.headers.get('x-cache'), await res.text()]).toEqual([
        cookie,
        200,
        'HIT',
        first,
      ])
    }
    for (const cookie of ['payload-token=abc', 'payload-token =abc', 'a=1;payload-token=abc']) {
      const staff = await get('/en/articles/a', { cookie })
      expect([cookie, staff.headers.get('x-cache')]).toEqual([cookie, 'BYPASS'])
    }
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

  test('a hit carries the headers of the answer it stores, gzipped when the client accepts it', async () => {
    const miss = await get('/api/articles/2?locale=de')
    const missBody = await miss.text()
    expect(miss.headers.get('x-cache')).toBe('MISS')
    const hit = await get('/api/articles/2?locale=de', { 'accept-encoding': 'identity' })
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect(await hit.text()).toBe(missBody)
    const own = ['date', 'x-cache', 'vary', 'content-length', 'content-encoding', 'keep-alive']
    const headers = (r: Response) =>
      [...r.headers].filter(([name]) => !own.includes(name)).sort(([a], [b]) => (a < b ? -1 : 1))
    expect(headers(hit)).toEqual(headers(miss))
    expect(hit.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(hit.headers.get('vary')).toBe('Origin, rsc, Accept-Encoding')

    // fetch() asks for gzip and decodes it: the raw length is the compressed one.
    const gzipped = await get('/api/articles/2?locale=de')
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(Number(gzipped.headers.get('content-length'))).toBeLessThan(missBody.length / 4)
    expect(await gzipped.text()).toBe(missBody)

    const notModified = await get('/api/articles/2?locale=de', {
      'if-none-match': hit.headers.get('etag')!,
    })
    expect(notModified.status).toBe(304)
    expect(notModified.headers.get('etag')).toBe(hit.headers.get('etag'))
    expect(notModified.headers.get('cache-control')).toBe(hit.headers.get('cache-control'))
  })

  test('each Origin has its own entry; an answer that sets a cookie is never stored', async () => {
    const a = await get('/api/articles/2?o=1', { origin: 'https://a.example' })
    await get('/api/articles/2?o=1', { origin: 'https://a.example' })
    const b = await get('/api/articles/2?o=1', { origin: 'https://b.example' })
    expect(a.headers.get('access-control-allow-origin')).toBe('https://a.example')
    expect(b.headers.get('x-cache')).toBe('MISS')
    expect(b.headers.get('access-control-allow-origin')).toBe('https://b.example')

    await get('/api/articles/2?cookie=1')
    const again = await get('/api/articles/2?cookie=1')
    expect(again.headers.get('x-cache')).toBe('MISS')
    expect(again.headers.get('set-cookie')).toBe('seen=1')
  })

  test('no Origin (or other header) value can fill the entry of another URL', async () => {
    const origin = 'https://evil.example'
    await get('/api/articles/2?c=1', { origin })
    expect((await get('/api/articles/2?c=1', { origin })).headers.get('x-cache')).toBe('HIT')
    // the victim's link spells the attacker's key in its own target (`|` is sent as is)
    const victim = await get(`/api/articles/2?c=1|origin=${origin}`)
    expect(victim.headers.get('x-cache')).toBe('MISS')
    expect(victim.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('large GraphQL bodies are passed on unread and never memoised', async () => {
    const before = parsedQueryBytes()
    for (let i = 0; i < 40; i++) {
      // ~1 MB of valid GraphQL, each one different
      const body = JSON.stringify({ query: `{ q${i} ${'f '.repeat(512 * 1024)}}` })
      const res = await fetch(`${base}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(res.headers.get('x-cache')).toBe('BYPASS')
      expect((await res.json()).data.echo.query.length).toBe(JSON.parse(body).query.length)
    }
    // (before: the memo kept each query text as its key, ~1 MB apiece, until the heap ran out)
    expect(parsedQueryBytes()).toBe(before)
  })

  test('the memo of analysed queries is bounded by bytes and keeps no invalid query', async () => {
    const before = parsedQueryBytes()
    for (let i = 0; i < 2000; i++) expect(isPublicQuery({ query: `{ broken${i} ` })).toBe(false)
    expect(parsedQueryBytes()).toBe(before)
    const pad = 'x'.repeat(MAX_CACHED_QUERY_CHARS - 200)
    for (let i = 0; i < 5000; i++)
      expect(isPublicQuery({ query: `query Q${i}${i % 10 ? '' : pad.slice(0, 100)} { a }` })).toBe(
        true,
      )
    expect(parsedQueryBytes()).toBeLessThanOrEqual(1024 * 1024)
    // a query over the limit is not a candidate at all
    expect(isPublicQuery({ query: `{ a } # ${pad}${pad}` })).toBe(false)
  })
})

describe('what the response cache stores and serves', () => {
  let app: { server: Server; base: string; store: ReturnType<typeof responseCache>['store'] }
  const at = (p: string, init: RequestInit = {}) => fetch(`${app.base}${p}`, init)
  beforeAll(async () => {
    const cache = responseCache({ enabled: true, maxBytes: 1024 * 1024, bus, publicMark })
    const server = http.createServer(
      cache.front(express().use(cache.api(payloadApi)).use(cache.fill(next))),
    )
    server.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    app = {
      server,
      store: cache.store,
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    }
  })
  afterAll(() => new Promise<void>((r) => app.server.close(() => r())))

  test('only answers carrying the mark are stored; the mark never leaves the server', async () => {
    for (const query of ['unmarked=1', 'forged=1']) {
      const first = await at(`/api/articles/2?${query}`)
      const second = await at(`/api/articles/2?${query}`)
      expect([query, first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual([
        query,
        'MISS',
        'MISS',
      ])
      expect(second.headers.get('cache-control')).toBe('private, no-store')
      expect(second.headers.get(PUBLIC_MARK_HEADER)).toBeNull()
    }
    await at('/api/articles/2?marked=1')
    const hit = await at('/api/articles/2?marked=1')
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect(hit.headers.get(PUBLIC_MARK_HEADER)).toBeNull()
    const page = await at('/en/articles/unmarked?unmarked=1')
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    expect((await at('/en/articles/unmarked?unmarked=1')).headers.get('x-cache')).toBe('MISS')
  })

  test('an entry lives until its s-maxage at the latest, purged or not', async () => {
    const store = new ResponseStore(1024 * 1024)
    const entry = {
      body: Buffer.from('x'),
      etag: 'W/"1"',
      tags: ['articles:1'],
      head: { identity: [], notModified: [] },
    }
    expect(store.set('k', entry, store.seq, 40)).toBe(true)
    expect(store.get('k')).toBe(entry)
    await new Promise((r) => setTimeout(r, 80))
    expect(store.get('k')).toBeUndefined()
    expect(sharedMaxAge(PUBLIC_CACHE_CONTROL)).toBe(60)
    expect(sharedMaxAge('private, no-store')).toBeUndefined()
  })

  test('repeated parameters keep their order in the key', async () => {
    const enDe = await (await at('/api/articles/2?locale=en&locale=de')).json()
    const deEn = await (await at('/api/articles/2?locale=de&locale=en')).json()
    expect([enDe.locales, deEn.locales]).toEqual([
      ['en', 'de'],
      ['de', 'en'],
    ])
    const again = await at('/api/articles/2?locale=de&locale=en')
    expect(again.headers.get('x-cache')).toBe('HIT')
    expect((await again.json()).locales).toEqual(['de', 'en'])
  })

  test('every credential form bypasses the stored answers', async () => {
    await at('/api/articles/2?cred=1')
    const variants: Record<string, string>[] = [
      { authorization: 'JWT abc' },
      { authorization: 'Bearer abc' },
      { authorization: 'users API-Key abc' },
      { cookie: 'payload-token=abc' },
      { cookie: 'payload-token =abc' },
      { cookie: 'x=1;  payload-token=abc' },
    ]
    for (const headers of variants) {
      const res = await at('/api/articles/2?cred=1', { headers })
      expect([headers, res.headers.get('x-cache'), res.headers.get('cache-control')]).toEqual([
        headers,
        'BYPASS',
        'private, no-store',
      ])
    }
  })

  test('GraphQL drafts and version reads are found in the parsed document', async () => {
    const post = (body: unknown) =>
      at('/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const tricks = [
      { query: '{ Articles(draft: true) { docs { id } } }' },
      { query: '{ Articles(draft # c\n: true) { docs { id } } }' },
      { query: '{ Articles(\n  draft\n  :\n  true) { docs { id } } }' },
      {
        query: 'query ($d: Boolean) { Articles(draft: $d) { docs { id } } }',
        variables: { d: true },
      },
      { query: 'query ($d: Boolean = true) { Articles(draft: $d) { docs { id } } }' },
      { query: '{ ...F } fragment F on Query { Articles(draft: true) { docs { id } } }' },
      { query: '{ versionsArticles { docs { id } } }' },
      { query: '{ a: versionArticle(id: "1") { id } }' },
      { query: 'mutation { deleteArticle(id: "1") { id } }' },
    ]
    for (const body of tricks) {
      await post(body)
      const again = await post(body)
      expect([body.query, again.headers.get('x-cache')]).toEqual([body.query, 'BYPASS'])
    }
    const plain = {
      query: 'query ($d: Boolean) { Articles(draft: $d) { docs { id } } }',
      variables: { d: false },
    }
    await post(plain)
    expect((await post(plain)).headers.get('x-cache')).toBe('HIT')
  })
})

describe('the purge journal (processes on one SQLite file, no Redis)', () => {
  const file = path.join(os.tmpdir(), `cache-journal-${process.pid}.cache-purges`)
  afterAll(() => fs.rmSync(file, { force: true }))

  // The bus looks at the journal once per turn of the event loop.
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

  test("another process's purges arrive; a truncated or replaced journal empties the cache", async () => {
    const writer = new PurgeBus('', file)
    const reader = new PurgeBus('', file)
    const seen: unknown[] = []
    reader.listen((purge) => seen.push(purge))
    void writer.purge(['articles:1'])
    void reader.purge(['articles:9']) // its own line: not applied twice
    reader.poll()
    expect(seen).toEqual([['articles:9'], ['articles:1']])
    await nextTurn()
    reader.poll()
    expect(seen).toHaveLength(2)

    // Within one turn a second look is skipped; the next turn sees what was written meanwhile.
    void writer.purge(['articles:7'])
    reader.poll()
    expect(seen).toHaveLength(2)
    await nextTurn()
    reader.poll()
    expect(seen.slice(2)).toEqual([['articles:7']])
    seen.splice(2)

    await nextTurn()
    fs.truncateSync(file, 0)
    void writer.purge(['articles:2'])
    reader.poll()
    expect(seen.slice(2)).toEqual(['all', ['articles:2']])

    // Deleted and written anew (e.g. a restore): the reader follows the new file.
    await nextTurn()
    fs.rmSync(file)
    void new PurgeBus('', file).purge(['articles:3', 'articles:4', 'articles:5'])
    reader.poll()
    expect(seen.slice(4)).toEqual(['all', ['articles:3', 'articles:4', 'articles:5']])
  })
})
