import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'

import { api } from '../helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

// Logins are slowed per client address and per account, an attacker's address cannot lock the
// owner out, and an unknown email is answered as slowly as a known one.

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
const PASSWORD = 'test-password-123'
let address = 0
const nextAddress = () => `198.51.100.${++address}`

const login = (email: string, password: string, from: string) =>
  client.post('/users/login', {
    headers: { 'x-forwarded-for': from },
    body: { email, password },
  })

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
  await loginAs(payload, 'admin@example.com', ['admin'])
  await loginAs(payload, 'editor@example.com', ['editor'])
})
afterAll(() => shutdown(ctx))

describe('login throttling', () => {
  test("one address's wrong passwords refuse that address for that account, not the owner", async () => {
    const attacker = nextAddress()
    for (let i = 0; i < 5; i++)
      expect((await login('admin@example.com', 'wrong-password', attacker)).status).toBe(401)
    const refused = await login('admin@example.com', PASSWORD, attacker)
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(
      /Too many failed logins for this account from this address\. Try again in \d+ minute/,
    )
    // the owner, elsewhere, logs in; the attacker's address may still try other accounts
    const owner = await login('admin@example.com', PASSWORD, nextAddress())
    expect(owner.status).toBe(200)
    expect(owner.body.token).toEqual(expect.any(String))
    expect((await login('editor@example.com', PASSWORD, attacker)).status).toBe(200)
  })

  test('one address is refused after 20 failed logins, whatever the accounts', async () => {
    const from = nextAddress()
    for (let i = 0; i < 20; i++)
      expect((await login(`nobody-${i}@example.com`, 'wrong', from)).status).toBe(401)
    const refused = await login('editor@example.com', PASSWORD, from)
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/Too many failed logins from this address/)
    expect((await login('editor@example.com', PASSWORD, nextAddress())).status).toBe(200)
    // GraphQL logins count the same
    const gql = await client.graphql(
      `mutation($e: String!, $p: String!) { loginUser(email: $e, password: $p) { token } }`,
      { e: 'editor@example.com', p: PASSWORD },
      { headers: { 'x-forwarded-for': from } },
    )
    expect(gql.body.errors[0].message).toMatch(/Too many failed logins from this address/)
  })

  test('a successful login clears its account-and-address count', async () => {
    const from = nextAddress()
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++)
        expect((await login('editor@example.com', 'wrong', from)).status).toBe(401)
      expect((await login('editor@example.com', PASSWORD, from)).status).toBe(200)
    }
  })

  test('an unknown email takes about as long as a known one with a wrong password', async () => {
    const time = async (email: string) => {
      const start = performance.now()
      expect((await login(email, 'wrong-password', nextAddress())).status).toBe(401)
      return performance.now() - start
    }
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 5; i++) {
      known.push(await time('admin@example.com'))
      unknown.push(await time(`nobody-${i}@example.org`))
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    // without the equal hash an unknown email answered in ~5 % of a known one's time
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6)
    expect(median(unknown)).toBeLessThan(median(known) * 1.7)
  })
})
