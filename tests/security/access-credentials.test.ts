import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { SignJWT } from 'jose'
import type { Payload } from 'payload'

import { api } from '../helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'
import { createDeveloper } from '../helpers/users'

// A credential that is present but invalid answers 401 with a clear message on REST and GraphQL,
// instead of being served as an anonymous visitor; logging in and out keep working with it, and a
// stale cookie stays anonymous (browsers, the admin's login screen).

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
let apiKey: string
let editorToken: string
let draftId: string
let publishedId: string
const PASSWORD = 'test-password-123'

const sign = (claims: Record<string, unknown>, secret: string, exp: number) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(exp - 7200)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret))

// every wrong credential Payload reads from the Authorization header
const invalidHeaders = async (): Promise<Record<string, string>> => {
  const editor = (
    await payload.find({ collection: 'users', where: { email: { equals: 'ed@example.com' } } })
  ).docs[0]
  const claims = { id: editor.id, collection: 'users', email: editor.email }
  const now = Math.floor(Date.now() / 1000)
  return {
    'mistyped API key': `users API-Key ${apiKey.slice(0, -1)}x`,
    'bogus API key': 'users API-Key bogus',
    'malformed JWT': 'JWT not-a-token',
    'expired JWT': `JWT ${await sign(claims, payload.secret, now - 60)}`,
    'JWT signed with another secret': `JWT ${await sign(claims, 'another-secret-entirely-0123456789', now + 3600)}`,
    'Bearer token': 'Bearer abc.def.ghi',
  }
}

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
  editorToken = await loginAs(payload, 'ed@example.com', ['editor'])
  ;({ apiKey } = await createDeveloper(payload, 'dev@example.com', { canReadDrafts: true }))
  draftId = (
    await payload.create({
      collection: 'articles',
      data: { title: 'Secret draft', _status: 'draft' },
      draft: true,
    })
  ).id
  publishedId = (
    await payload.create({
      collection: 'articles',
      data: { title: 'Public story', _status: 'published' },
    })
  ).id
})
afterAll(() => shutdown(ctx))

describe('a present but invalid credential', () => {
  test('REST reads, writes and version reads answer 401 with a clear message', async () => {
    for (const [name, authorization] of Object.entries(await invalidHeaders())) {
      const headers = { authorization }
      for (const path of [
        '/articles?draft=true',
        `/articles/${publishedId}`,
        '/articles/versions',
        '/articles/count',
        '/locales',
        '/globals/consent',
      ]) {
        const res = await client.get(path, { headers })
        expect([name, path, res.status]).toEqual([name, path, 401])
        expect(res.body.errors[0].message).toMatch(
          name.includes('API key') ? /API key .* not valid/ : /token .* not valid or has expired/,
        )
        expect(JSON.stringify(res.body)).not.toContain('Public story')
      }
      const patch = await client.patch(`/articles/${publishedId}?locale=en`, {
        headers,
        body: { title: 'Hijacked' },
      })
      expect([name, patch.status]).toEqual([name, 401])
    }
    const stored = await payload.findByID({ collection: 'articles', id: publishedId, locale: 'en' })
    expect(stored.title).toBe('Public story')
  })

  test('GraphQL answers one error with the message and no data', async () => {
    for (const [name, authorization] of Object.entries(await invalidHeaders())) {
      const res = await client.graphql(
        `{ Articles(draft: true) { docs { title } } }`,
        {},
        { headers: { authorization } },
      )
      expect([name, res.body.data ?? null]).toEqual([name, null])
      expect(res.body.errors).toHaveLength(1)
      expect(res.body.errors[0].message).toMatch(
        /Authorization header is not valid|not valid or has expired/,
      )
      expect(res.body.errors[0].extensions?.statusCode).toBe(401)
    }
  })

  test('the same requests with a valid credential, or none, are answered', async () => {
    const withKey = await client.get('/articles?draft=true&depth=0', {
      headers: { authorization: `users API-Key ${apiKey}` },
    })
    expect(withKey.status).toBe(200)
    expect(withKey.body.docs.map((d: { id: string }) => d.id)).toContain(draftId)
    expect((await client.get('/articles?draft=true', { token: editorToken })).status).toBe(200)
    const anonymous = await client.get('/articles?draft=true&depth=0')
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.docs.map((d: { id: string }) => d.id)).toEqual([publishedId])
    // a scheme Payload does not read (a proxy's Basic auth) is not a credential of this API
    const basic = await client.get('/articles', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    })
    expect(basic.status).toBe(200)
    const gql = await client.graphql(`{ Articles(draft: true) { docs { title } } }`, {}, { apiKey })
    expect(gql.body.data.Articles.docs.map((d: { title: string }) => d.title)).toContain(
      'Secret draft',
    )
  })

  test('logging in, out, refreshing and asking "me" still work with a stale credential', async () => {
    const headers = { authorization: 'JWT expired.or.bogus' }
    const login = await client.post('/users/login', {
      headers,
      body: { email: 'ed@example.com', password: PASSWORD },
    })
    expect(login.status).toBe(200)
    expect(login.body.token).toEqual(expect.any(String))
    expect((await client.get('/users/me', { headers })).body.user).toBeNull()
    expect((await client.post('/users/logout', { headers })).status).toBeLessThan(500)
    const gqlLogin = await client.graphql(
      `mutation($e: String!, $p: String!) { loginUser(email: $e, password: $p) { token } }`,
      { e: 'ed@example.com', p: PASSWORD },
      { headers },
    )
    expect(gqlLogin.body.data.loginUser.token).toEqual(expect.any(String))
    const me = await client.graphql(`{ meUser { user { id } } }`, {}, { headers })
    expect(me.body.errors).toBeUndefined()
  })

  test('a stale payload-token cookie stays anonymous (reader pages, the admin login screen)', async () => {
    for (const cookie of ['payload-token=garbage', 'payload-token =garbage']) {
      const res = await client.get('/articles?depth=0', { headers: { cookie } })
      expect([cookie, res.status]).toEqual([cookie, 200])
      expect(res.body.docs.map((d: { id: string }) => d.id)).toEqual([publishedId])
      const login = await client.post('/users/login', {
        headers: { cookie },
        body: { email: 'ed@example.com', password: PASSWORD },
      })
      expect(login.status).toBe(200)
    }
  })
})
