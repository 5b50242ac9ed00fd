/**
 * Hostile inputs that once cost unbounded CPU or answered wrongly, through Payload's real REST and
 * GraphQL handlers: a GraphQL fragment fan-out is refused before Payload's complexity rule walks
 * it; a bad `?locale=` with a valid credential is the locale's 400, not a credential's 401; API keys
 * must be long and unique (REST, GraphQL, Local API); wrong API keys are throttled per client.
 */
import crypto from 'node:crypto'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'

import { API_KEY_FAILURES } from '../../src/features/limits/credentials'
import { expandedSelections, rootFields, QUERY_LIMITS } from '../../src/features/limits/queryLimits'
import { parse } from 'graphql'
import { api } from '../helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'
import { createDeveloper } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
let jwt: string
let apiKey: string
let developerId: string
let editorId: string
const gqlAccept = { accept: 'application/graphql-response+json' }

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
  jwt = await loginAs(payload, 'editor@example.com', ['editor'])
  editorId = String(
    (
      await payload.find({
        collection: 'users',
        where: { email: { equals: 'editor@example.com' } },
      })
    ).docs[0]!.id,
  )
  ;({ id: developerId, apiKey } = await createDeveloper(payload, 'developer@example.com'))
})
afterAll(() => shutdown(ctx))

/** Each fragment spreads the next one twice, through two aliases: 2^levels fields. */
const fanOut = (levels: number) => {
  const fragments = Array.from(
    { length: levels },
    (_, i) =>
      `fragment F${i} on Article { a: relatedArticles { article { ...F${i + 1} } } b: relatedArticles { article { ...F${i + 1} } } }`,
  )
  return [
    `query { Articles(limit: 1) { docs { ...F0 } } }`,
    ...fragments,
    `fragment F${levels} on Article { id }`,
  ].join('\n')
}

describe('GraphQL fragment fan-out', () => {
  test('is counted linearly and refused before validation, in bounded time', async () => {
    const query = fanOut(20)
    expect(query.length).toBeLessThan(3000)
    // 2^20 leaves, counted without expanding (saturated just above the limit)
    expect(expandedSelections(parse(fanOut(20)), 1e12)).toBeGreaterThan(2 ** 20)
    await client.graphql('{ Articles(limit: 1) { docs { id } } }') // warm up the schema
    const cpu = process.cpuUsage()
    const started = performance.now()
    const res = await client.graphql(query, {}, { headers: gqlAccept })
    const used = process.cpuUsage(cpu)
    const cpuMs = (used.user + used.system) / 1000
    const wallMs = performance.now() - started
    console.info(
      `fan-out of 20 levels refused in ${wallMs.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms CPU`,
    )
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(
      new RegExp(`more than ${QUERY_LIMITS.graphqlSelections} fields once its 21 fragments`),
    )
    // before: ~4,300 ms of CPU, and twice as much for every further level
    expect(cpuMs).toBeLessThan(500)
  })

  test('a query with a few levels of fragments still runs', async () => {
    const res = await client.graphql(fanOut(3), {}, { headers: gqlAccept })
    expect(res.status).toBe(200)
    expect(res.body.errors).toBeUndefined()
    expect(Array.isArray(res.body.data.Articles.docs)).toBe(true)
  })
})

describe('GraphQL top-level fields', () => {
  const aliased = (n: number, limit = 10) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: Articles(limit: ${limit}) { docs { id title } }`).join(' ')} }`

  test('a list aliased 300 times is refused before it runs (each alias is its own query)', async () => {
    const res = await client.graphql(aliased(300), {}, { headers: gqlAccept })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(
      new RegExp(`more than ${QUERY_LIMITS.graphqlRootFields} top-level fields`),
    )
    // through fragments too: one fragment of 5 lists spread 6 times at the top
    const spread = `{ ${'...L '.repeat(6)} } fragment L on Query { ${Array.from({ length: 5 }, (_, i) => `l${i}: Articles(limit: 1) { docs { id } }`).join(' ')} }`
    expect(rootFields(parse(spread), 1000)).toBe(30)
    const viaFragments = await client.graphql(spread, {}, { headers: gqlAccept })
    expect(viaFragments.status).toBe(400)
  })

  // (pages of 5: 25 × 10 documents would be over the anonymous read budget, readBudget.ts)
  test(`${QUERY_LIMITS.graphqlRootFields} top-level fields still run`, async () => {
    const res = await client.graphql(
      aliased(QUERY_LIMITS.graphqlRootFields, 5),
      {},
      { headers: gqlAccept },
    )
    expect(res.status).toBe(200)
    expect(res.body.errors).toBeUndefined()
  })
})

describe('an unknown locale with a valid credential', () => {
  const unknownLocale = /Unknown locale "fr"/
  test.each([
    ['API key', () => ({ apiKey })],
    ['JWT', () => ({ token: jwt })],
  ])('REST with a valid %s answers 400 Unknown locale', async (_name, credential) => {
    const res = await client.get('/articles?locale=fr', credential())
    expect([res.status, res.body.errors?.[0]?.message]).toEqual([
      400,
      expect.stringMatching(unknownLocale),
    ])
    const global = await client.get('/globals/consent?locale=fr', credential())
    expect([global.status, global.body.errors?.[0]?.message]).toEqual([
      400,
      expect.stringMatching(unknownLocale),
    ])
    // the same credential with a known locale is accepted
    expect((await client.get('/articles?locale=de', credential())).status).toBe(200)
  })
  test.each([
    ['API key', () => ({ apiKey })],
    ['JWT', () => ({ token: jwt })],
  ])('GraphQL with a valid %s answers Unknown locale', async (_name, credential) => {
    const res = await client.graphql(
      '{ Articles { docs { id } } }',
      {},
      {
        ...credential(),
        locale: 'fr',
        headers: gqlAccept,
      },
    )
    const messages = (res.body.errors ?? []).map((e: { message: string }) => e.message).join(' ')
    expect(messages).toMatch(unknownLocale)
    expect(messages).not.toMatch(/not valid/)
    expect(res.status).not.toBe(401)
  })
})

describe('API keys', () => {
  const setKey = (id: string, key: string) =>
    client.patch(`/users/${id}`, { token: jwtAdmin, body: { enableAPIKey: true, apiKey: key } })
  let jwtAdmin: string
  beforeAll(async () => {
    jwtAdmin = await loginAs(payload, 'admin@example.com', ['admin'])
  })

  test('the admin-generated UUID key works and is accepted again on save', async () => {
    expect((await client.get('/users/me', { apiKey })).body.user?.email).toBe(
      'developer@example.com',
    )
    const res = await setKey(developerId, apiKey)
    expect(res.status).toBe(200)
    const fresh = crypto.randomUUID()
    expect((await setKey(developerId, fresh)).status).toBe(200)
    expect((await client.get('/users/me', { apiKey: fresh })).body.user?.email).toBe(
      'developer@example.com',
    )
    apiKey = fresh
  })

  test('a short key is refused (REST, GraphQL, Local API)', async () => {
    const rest = await setKey(developerId, 'x')
    expect(rest.status).toBe(400)
    expect(JSON.stringify(rest.body)).toMatch(/32 to 128/)
    const gql = await client.graphql(
      `mutation($id: String!, $k: String) { updateUser(id: $id, data: { enableAPIKey: true, apiKey: $k }) { id } }`,
      { id: developerId, k: 'short-key' },
      { token: jwtAdmin },
    )
    expect(JSON.stringify(gql.body.errors)).toMatch(/32 to 128|invalid/i)
    await expect(
      payload.update({
        collection: 'users',
        id: developerId,
        data: { enableAPIKey: true, apiKey: 'abc' } as never,
      }),
    ).rejects.toThrow(/apiKey|API key|invalid/i)
    // the key that worked still works
    expect((await client.get('/users/me', { apiKey })).body.user?.email).toBe(
      'developer@example.com',
    )
  })

  test("another user's key is refused (REST, GraphQL, Local API)", async () => {
    const rest = await setKey(editorId, apiKey)
    expect(rest.status).toBe(400)
    expect(JSON.stringify(rest.body)).toMatch(/belongs to another user/)
    const gql = await client.graphql(
      `mutation($id: String!, $k: String) { updateUser(id: $id, data: { enableAPIKey: true, apiKey: $k }) { id } }`,
      { id: editorId, k: apiKey },
      { token: jwtAdmin },
    )
    expect(JSON.stringify(gql.body.errors)).toMatch(/belongs to another user|invalid/i)
    await expect(
      payload.update({
        collection: 'users',
        id: editorId,
        data: { enableAPIKey: true, apiKey } as never,
      }),
    ).rejects.toThrow()
    // the key still names its owner
    expect((await client.get('/users/me', { apiKey })).body.user?.email).toBe(
      'developer@example.com',
    )
  })

  test('wrong keys are throttled per client', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address })
    for (let i = 0; i < API_KEY_FAILURES.max; i++) {
      const res = await client.get('/articles', {
        apiKey: crypto.randomUUID(),
        headers: from('203.0.113.9'),
      })
      expect(res.status).toBe(401)
    }
    // now even the right key from that client waits; other clients are unaffected
    const refused = await client.get('/articles', { apiKey, headers: from('203.0.113.9') })
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/Too many invalid API keys/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    const gql = await client.graphql(
      '{ Articles { docs { id } } }',
      {},
      {
        apiKey,
        headers: { ...from('203.0.113.9'), ...gqlAccept },
      },
    )
    expect(gql.body.errors[0].message).toMatch(/Too many invalid API keys/)
    expect((await client.get('/articles', { apiKey, headers: from('203.0.113.10') })).status).toBe(
      200,
    )
  })
})
