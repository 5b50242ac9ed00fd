import crypto from 'node:crypto'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'

import { loginCounters, loginHashQueue } from '../../src/features/limits/loginThrottle'
import { clientGroup } from '../../src/features/limits/clientAddress'
import { hashQueue, QueueFullError } from '../../src/features/limits/hashQueue'
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

  test('1 MB e-mails are refused before they are counted; the counters stay small', async () => {
    const before = loginCounters.bytes
    for (let i = 0; i < 20; i++) {
      const email = `${i}${'x'.repeat(1024 * 1024)}@example.com`
      const res = await login(email, 'wrong', nextAddress())
      expect(res.status).toBe(400)
      expect(res.body.errors[0].message).toMatch(/email address is too long/)
    }
    // e-mails of an allowed length are kept as 22-byte hashes, whatever their length
    for (let i = 0; i < 5; i++)
      expect(
        (await login(`${i}${'y'.repeat(300)}@example.com`, 'wrong', nextAddress())).status,
      ).toBe(401)
    // (before: 20 MB of keys and the process out of memory with a few more)
    expect(loginCounters.bytes - before).toBeLessThan(5 * 3 * 200)
  })

  test('an IPv6 /64 is one client', async () => {
    expect(clientGroup('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(clientGroup('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64')
    expect(clientGroup('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(clientGroup('[2001:db8::1]')).toBe('2001:db8:0:0::/64')
    expect(clientGroup('not an address')).toBe('')
    // five wrong passwords from five addresses of one /64 refuse the sixth one of that /64
    for (let i = 1; i <= 5; i++)
      expect((await login('editor@example.com', 'wrong', `2001:db8:77:1::${i}`)).status).toBe(401)
    const refused = await login('editor@example.com', PASSWORD, '2001:db8:77:1:ffff::9')
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].message).toMatch(/for this account from this address/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // another /64 is another client
    expect((await login('editor@example.com', PASSWORD, '2001:db8:77:2::1')).status).toBe(200)
  })

  test('guessing one account from many addresses is limited; its owner still logs in', async () => {
    await loginAs(payload, 'owner@example.com', ['editor'])
    // the owner logged in from this browser before: it holds a device cookie
    const earlier = await login('owner@example.com', PASSWORD, nextAddress())
    expect(earlier.status).toBe(200)
    const deviceCookie = earlier.headers
      .getSetCookie()
      .find((c) => /^payload-device-/.test(c))
      ?.split(';')[0]
    expect(deviceCookie).toBeDefined()
    // next to Payload's own session cookie, which the admin needs
    expect(earlier.headers.getSetCookie().some((c) => /^payload-token=/.test(c))).toBe(true)
    // 30 addresses, one guess each (no per-address limit is reached)
    for (let i = 0; i < 30; i++)
      expect((await login('owner@example.com', `guess-${i}`, nextAddress())).status).toBe(401)
    // the 31st guess, from yet another address, is refused without a password check
    const guess = await login('owner@example.com', 'guess-31', nextAddress())
    expect(guess.status).toBe(429)
    expect(guess.body.errors[0].message).toMatch(/Too many failed logins for this account\./)
    // so is the owner in a new browser (told how to get in)…
    const fresh = await login('owner@example.com', PASSWORD, nextAddress())
    expect(fresh.status).toBe(429)
    expect(fresh.body.errors[0].message).toMatch(/browser you have logged in with before/)
    // …but the browser they used before logs in, from any address, over REST and GraphQL
    const known = await client.post('/users/login', {
      headers: { 'x-forwarded-for': nextAddress(), cookie: deviceCookie! },
      body: { email: 'owner@example.com', password: PASSWORD },
    })
    expect(known.status).toBe(200)
    const gql = await client.graphql(
      `mutation($e: String!, $p: String!) { loginUser(email: $e, password: $p) { token } }`,
      { e: 'owner@example.com', p: PASSWORD },
      { headers: { 'x-forwarded-for': nextAddress(), cookie: deviceCookie! } },
    )
    expect(gql.body.data?.loginUser?.token).toBeTruthy()
    // a forged or foreign cookie does not exempt anyone
    const forged = await client.post('/users/login', {
      headers: {
        'x-forwarded-for': nextAddress(),
        cookie: deviceCookie!.replace(/=(\d+)\./, (_, t) => `=${Number(t) - 1}.`),
      },
      body: { email: 'owner@example.com', password: PASSWORD },
    })
    expect(forged.status).toBe(429)
    // and password reset keeps working for the owner
    const forgot = await client.post('/users/forgot-password', {
      headers: { 'x-forwarded-for': nextAddress() },
      body: { email: 'owner@example.com' },
    })
    expect(forgot.status).toBe(200)
  })

  test('password checks go through a bounded queue: a burst gets 429 + Retry-After', async () => {
    // the queue itself: one job at a time, two waiting, the next refused at once
    const queue = hashQueue({ concurrency: 1, maxQueued: 2 })
    let running = 0
    let most = 0
    const job = () =>
      queue.run(async () => {
        most = Math.max(most, ++running)
        await new Promise((r) => setTimeout(r, 20))
        running--
      })
    const jobs = [job(), job(), job()]
    await expect(job()).rejects.toBeInstanceOf(QueueFullError)
    await Promise.all(jobs)
    expect(most).toBe(1)
    // through Payload: 24 logins at once from 24 addresses, while other work needs the thread pool
    const data = crypto.randomBytes(256 * 1024)
    const gzipMs = () =>
      new Promise<number>((resolve) => {
        const started = performance.now()
        zlib.gzip(data, () => resolve(performance.now() - started))
      })
    const burst = Promise.all(
      Array.from({ length: 24 }, (_, i) => login(`burst-${i}@example.org`, 'wrong', nextAddress())),
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const waits: number[] = []
    for (let i = 0; i < 3; i++) waits.push(await gzipMs())
    const answers = await burst
    // (before: the first gzip waited ~23 s behind 30 hashes on libuv's four threads)
    expect(Math.max(...waits)).toBeLessThan(3000)
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(17)
    const busy = answers.filter((a) => a.status === 429)
    expect(busy.length).toBeGreaterThan(0)
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(busy[0]!.body.errors[0].message).toMatch(/Too many logins are being checked/)
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
    expect(loginHashQueue.size).toBe(0)
  })
})
