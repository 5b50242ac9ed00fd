import http, { type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import compression from 'compression'
import express from 'express'

import { responseCache } from '../../src/features/cache/middleware'
import { purgeBus } from '../../src/features/cache/bus'
import { PUBLIC_MARK_HEADER, publicMarkValue } from '../../src/features/cache/publicMark'
import { payloadApi } from '../../src/server/payloadApi'
import { pngFile } from '../helpers/fixtures'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

// `/api/**` through the Node ⇄ fetch bridge to Payload's own handlers, with the response cache at
// the fetch level, as src/server/serve.ts mounts it (hits before Express, compression, api last).

let ctx: TestContext
let server: Server
let base: string
let editor: string

const at = (p: string, init: RequestInit = {}) => fetch(`${base}${p}`, init)

describe('the API without a detour', () => {
  beforeAll(async () => {
    ctx = await bootPayload()
    editor = await loginAs(ctx.payload, 'bridge-editor@example.com', ['editor'])
    await ctx.payload.create({
      collection: 'articles',
      data: { _status: 'published', title: 'Bridged article', summary: 'Absatz. '.repeat(150) },
    })
    const cache = responseCache({
      enabled: true,
      maxBytes: 8 * 1024 * 1024,
      config: ctx.config,
      bus: purgeBus(ctx.payload),
      publicMark: publicMarkValue(ctx.payload),
    })
    const app = express()
    app.use(compression())
    app.use(cache.api(payloadApi(ctx.config)))
    server = http.createServer(cache.front(app)).listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()))
    await shutdown(ctx)
  })

  test('an anonymous read: MISS, then the same bytes as a HIT; gzip once; the mark stays inside', async () => {
    const miss = await at('/api/articles?locale=de&limit=5', {
      headers: { 'accept-encoding': 'identity' },
    })
    const body = await miss.text()
    expect([miss.status, miss.headers.get('x-cache')]).toEqual([200, 'MISS'])
    expect(miss.headers.get(PUBLIC_MARK_HEADER)).toBeNull()
    expect(miss.headers.get('cache-control')).toContain('s-maxage=60')
    const hit = await at('/api/articles?locale=de&limit=5', {
      headers: { 'accept-encoding': 'identity' },
    })
    expect([hit.headers.get('x-cache'), await hit.text()]).toEqual(['HIT', body])
    const gzipped = await at('/api/articles?locale=de&limit=5')
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(await gzipped.text()).toBe(body)
  })

  test('cookies, uploads, file serving, method override, errors and GraphQL keep working', async () => {
    const login = await at('/api/users/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bridge-editor@example.com', password: 'test-password-123' }),
    })
    expect(login.status).toBe(200)
    expect(login.headers.getSetCookie().some((c) => c.startsWith('payload-token='))).toBe(true)

    const me = await at('/api/users/me', {
      // What a browser sends on the site itself; Payload's csrf check needs it for a cookie login.
      headers: {
        cookie: login.headers.getSetCookie()[0]!.split(';')[0]!,
        'sec-fetch-site': 'same-origin',
      },
    })
    expect((await me.json()).user.email).toBe('bridge-editor@example.com')
    expect(me.headers.get('cache-control')).toBe('private, no-store')

    const png = await pngFile('bridge.png')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png.data)], { type: 'image/png' }), 'bridge.png')
    form.append('_payload', JSON.stringify({ alt: 'Bridged upload' }))
    const upload = await at('/api/images', {
      method: 'POST',
      headers: { authorization: `JWT ${editor}` },
      body: form,
    })
    const created = await upload.json()
    expect([upload.status, created.doc?.alt]).toEqual([201, 'Bridged upload'])
    // The original is for staff (public image policy, src/features/images/publicImage.ts).
    const file = await at(`/api/images/file/${created.doc.filename}`, {
      headers: { authorization: `JWT ${editor}` },
    })
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'image/png'])
    expect(Buffer.from(await file.arrayBuffer()).length).toBe(png.size)
    const readBack = await (await at(`/api/images/${created.doc.id}?locale=en`)).json()
    expect(readBack.alt).toBe('Bridged upload')

    const override = await at('/api/articles', {
      method: 'POST',
      headers: {
        'x-payload-http-method-override': 'GET',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'limit=1&locale=en',
    })
    expect([override.status, (await override.json()).docs.length]).toEqual([200, 1])

    const missing = await at('/api/articles/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect((await missing.json()).errors[0].message).toBeTruthy()

    const query = JSON.stringify({ query: '{ Articles(limit: 1) { docs { title } } }' })
    const post = () =>
      at('/api/graphql?locale=en', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      })
    const first = await post()
    expect((await first.json()).data.Articles.docs).toHaveLength(1)
    expect((await post()).headers.get('x-cache')).toBe('HIT')

    const options = await at('/api/articles', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    })
    expect(options.status).toBeLessThan(300)
  })

  test('a write purges what it changed, before it is answered', async () => {
    const url = '/api/articles?locale=en&limit=1&depth=0'
    await at(url)
    expect((await at(url)).headers.get('x-cache')).toBe('HIT')
    const { docs } = await (await at(url)).json()
    const patched = await at(`/api/articles/${docs[0].id}?locale=en`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${editor}` },
      body: JSON.stringify({ title: 'Changed through the bridge' }),
    })
    expect(patched.status).toBe(200)
    const after = await at(url)
    expect(after.headers.get('x-cache')).toBe('MISS')
    expect((await after.json()).docs[0].title).toBe('Changed through the bridge')
  })
})
