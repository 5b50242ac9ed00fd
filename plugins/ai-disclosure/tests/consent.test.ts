import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { boot, http, local, shutdown, tokenFor, type TestContext } from './helpers'

// The consent setting (global `consent`) and the proof-of-consent records, on the plugin's own
// minimal app. The app plugs in its own rule for who manages the consent setting.

let ctx: TestContext
let api: ReturnType<typeof http>
let adminToken: string
let editorToken: string

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DE_TEXT =
  'Wir verwenden Cookies für Analysen, um unsere Website zu verbessern. Lesen Sie unsere Datenschutzrichtlinie für weitere Informationen.'

let ipCounter = 0
/** A fresh client (IP) per request, so the rate limit only bites where a test wants it to. */
const client = (ip = `198.51.100.${++ipCounter}`) => ({
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  'x-forwarded-for': `${ip}, 10.0.0.1`,
})

const record = (body: unknown, headers: Record<string, string> = client()) =>
  api.post('/consent-records', { body, headers })

const message = (res: { body: any }): string => res.body?.errors?.[0]?.message ?? ''

beforeAll(async () => {
  ctx = await boot({
    access: {
      // the app's own role check: only admins change the consent setting
      manageConsent: ({ req }) =>
        Boolean(req.user && (req.user as { email?: string }).email?.startsWith('admin')),
    },
    collections: ['posts'],
    consent: { rateLimit: { max: 5, window: 60_000 } },
    imageCollections: ['media'],
  })
  api = http(ctx.config)
  adminToken = await tokenFor(ctx.payload, 'admin@example.com')
  editorToken = await tokenFor(ctx.payload, 'editor@example.com')
})

afterAll(() => shutdown(ctx))

describe('consent setting', () => {
  test('anonymous users read it in the requested locale, seeded with German and English texts', async () => {
    const de = await api.get('/globals/consent?locale=de')
    expect(de.status).toBe(200)
    expect(de.body).toMatchObject({
      acceptLabel: 'Akzeptieren',
      enabled: true,
      equalWeightButtons: true,
      rejectLabel: 'Ablehnen',
      revision: 1,
      settingsLabel: 'Einstellungen',
      text: DE_TEXT,
      title: 'Diese Website verwendet Cookies',
    })
    expect(typeof de.body.updatedAt).toBe('string') // written at start-up, not just defaults
    expect(de.body.categories.map((c: any) => [c.key, c.label, c.required])).toEqual([
      ['necessary', 'Notwendig', true],
      ['analytics', 'Analyse', false],
      ['marketing', 'Marketing', false],
    ])

    const en = await api.get('/globals/consent?locale=en')
    expect(en.body).toMatchObject({
      acceptLabel: 'Accept',
      rejectLabel: 'Reject',
      title: 'This website uses cookies',
    })
    expect(en.body.categories[1].label).toBe('Analytics')
    // a locale without own texts gets the English ones
    expect((await api.get('/globals/consent?locale=fr')).body.title).toBe(
      'This website uses cookies',
    )
  })

  test('over GraphQL, anonymously, per locale', async () => {
    const query = `{ Consent { title rejectLabel equalWeightButtons revision categories { key label required } } }`
    const de = await api.graphql(query, { locale: 'de' })
    expect(de.body.errors).toBeUndefined()
    expect(de.body.data.Consent).toMatchObject({
      equalWeightButtons: true,
      rejectLabel: 'Ablehnen',
      revision: 1,
      title: 'Diese Website verwendet Cookies',
    })
    expect(de.body.data.Consent.categories[0]).toEqual({
      key: 'necessary',
      label: 'Notwendig',
      required: true,
    })
    const en = await api.graphql(query, { locale: 'en' })
    expect(en.body.data.Consent.title).toBe('This website uses cookies')
  })

  test('only the app’s managers change it; German texts survive an English edit', async () => {
    const body = { title: 'We use cookies' }
    expect((await api.post('/globals/consent?locale=en', { body })).status).toBe(403)
    expect(
      (await api.post('/globals/consent?locale=en', { body, token: editorToken })).status,
    ).toBe(403)
    const ok = await api.post('/globals/consent?locale=en', { body, token: adminToken })
    expect(ok.status).toBe(200)
    expect((await api.get('/globals/consent?locale=en')).body.title).toBe('We use cookies')
    expect((await api.get('/globals/consent?locale=de')).body.title).toBe(
      'Diese Website verwendet Cookies',
    )
  })

  test('"necessary" is always required, and the revision can only be raised', async () => {
    const current = (await api.get('/globals/consent?locale=en', { token: adminToken })).body
    const categories = current.categories.map((c: any) => ({ ...c, required: false }))
    const saved = await api.post('/globals/consent?locale=en', {
      body: { categories },
      token: adminToken,
    })
    expect(saved.status).toBe(200)
    expect(saved.body.result.categories.find((c: any) => c.key === 'necessary').required).toBe(true)

    const lowered = await api.post('/globals/consent', { body: { revision: 0 }, token: adminToken })
    expect(lowered.status).toBe(400)
  })
})

describe('consent records', () => {
  test('anyone creates one; the server adds id, time, IP hash and browser family', async () => {
    const res = await record(
      { acceptType: 'custom', acceptedCategories: ['analytics'], locale: 'de', revision: 1 },
      client('203.0.113.7'),
    )
    expect(res.status).toBe(201)
    const doc = res.body.doc
    expect(doc.consentId).toMatch(UUID)
    expect(doc).toMatchObject({
      acceptedCategories: ['necessary', 'analytics'],
      acceptType: 'custom',
      browser: 'Firefox',
      locale: 'de',
      rejectedCategories: ['marketing'],
      revision: 1,
    })
    expect(Number.isNaN(Date.parse(doc.consentedAt))).toBe(false)
    // the visitor does not get the hash back
    expect(doc.ipHash).toBeUndefined()

    const stored = await local(ctx.payload).findByID({ id: doc.id, collection: 'consent-records' })
    expect(stored.ipHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain('203.0.113.7')
    // the same client gives the same hash (pseudonymous, comparable)
    const again = await record({ acceptType: 'necessary', revision: 1 }, client('203.0.113.7'))
    const storedAgain = await local(ctx.payload).findByID({
      id: again.body.doc.id,
      collection: 'consent-records',
    })
    expect(storedAgain.ipHash).toBe(stored.ipHash)
  })

  test('accept all, necessary only, and a client-made consent ID', async () => {
    const consentId = '0b7d3f0e-8f3a-4c55-9d1e-3f4a5b6c7d8e'
    const all = await record({ acceptType: 'all', consentId, revision: 1 })
    expect(all.status).toBe(201)
    expect(all.body.doc).toMatchObject({
      acceptedCategories: ['necessary', 'analytics', 'marketing'],
      consentId,
      rejectedCategories: [],
    })
    const necessary = await record({ acceptType: 'necessary', revision: '1' })
    expect(necessary.body.doc).toMatchObject({
      acceptedCategories: ['necessary'],
      rejectedCategories: ['analytics', 'marketing'],
      revision: 1,
    })
  })

  test.each([
    [
      'an unknown category',
      { acceptedCategories: ['tracking'] },
      'Unknown consent category "tracking"',
    ],
    ['the wrong revision', { revision: 2 }, 'the current consent revision is 1'],
    ['no revision', { revision: undefined }, 'revision is required'],
    ['an unknown accept type', { acceptType: 'some' }, 'acceptType must be one of'],
    ['a consent ID that is not a UUID', { consentId: 'abc' }, 'consentId must be a UUID'],
    [
      'a rejected required category',
      { rejectedCategories: ['necessary'] },
      'Required categories cannot be rejected',
    ],
    [
      'a category accepted and rejected',
      { acceptedCategories: ['analytics'], rejectedCategories: ['analytics'] },
      'both accepted and rejected',
    ],
    [
      'categories that are not a list',
      { acceptedCategories: 'analytics' },
      'must be a list of category keys',
    ],
    ['an unknown locale', { locale: 'xx' }, 'Unknown locale "xx"'],
    ['a body over 4 KB', { note: 'x'.repeat(5000) }, 'too large'],
  ])('400 for %s', async (_name, change, expected) => {
    const res = await record({
      acceptType: 'custom',
      acceptedCategories: [],
      revision: 1,
      ...change,
    })
    expect(res.status).toBe(400)
    expect(message(res)).toContain(expected)
  })

  test('rate-limited per client with 429, invalid attempts included', async () => {
    const ip = '192.0.2.99'
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const body =
        i === 2 ? { acceptType: 'all', revision: 99 } : { acceptType: 'all', revision: 1 }
      statuses.push((await record(body, client(ip))).status)
    }
    expect(statuses).toEqual([201, 201, 400, 201, 201, 429])
    const limited = await record({ acceptType: 'all', revision: 1 }, client(ip))
    expect(limited.status).toBe(429)
    expect(message(limited)).toContain('Too many consent records')
    // another client is not affected; X-Real-IP is used without X-Forwarded-For
    expect(
      (await record({ acceptType: 'all', revision: 1 }, { 'x-real-ip': '192.0.2.100' })).status,
    ).toBe(201)
  })

  test('only admins read them, nobody edits them', async () => {
    expect((await api.get('/consent-records')).status).toBe(403)
    const list = await api.get('/consent-records?limit=100', { token: adminToken })
    expect(list.status).toBe(200)
    expect(list.body.totalDocs).toBeGreaterThan(3)
    expect(list.body.docs[0].ipHash).toMatch(/^[0-9a-f]{64}$/)

    const id = list.body.docs[0].id
    expect(
      (
        await api.patch(`/consent-records/${id}`, {
          body: { acceptType: 'all' },
          token: adminToken,
        })
      ).status,
    ).toBe(403)
    expect(
      (await api.patch(`/consent-records/${id}`, { body: { acceptType: 'all' } })).status,
    ).toBe(403)
  })

  test('over GraphQL too, anonymously', async () => {
    const res = await api.graphql(
      `mutation { createConsentRecord(data: { revision: 1, acceptType: necessary, locale: "en" }) { consentId acceptedCategories } }`,
    )
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.createConsentRecord.consentId).toMatch(UUID)
    expect(res.body.data.createConsentRecord.acceptedCategories).toEqual(['necessary'])
  })

  test('raising the revision asks everyone again: old decisions are refused', async () => {
    const raised = await api.post('/globals/consent', { body: { revision: 2 }, token: adminToken })
    expect(raised.status).toBe(200)
    const stale = await record({ acceptType: 'all', revision: 1 })
    expect(stale.status).toBe(400)
    expect(message(stale)).toContain('the current consent revision is 2')
    expect((await record({ acceptType: 'all', revision: 2 })).status).toBe(201)
    // and it cannot go back
    const lowered = await api.post('/globals/consent', { body: { revision: 1 }, token: adminToken })
    expect(lowered.status).toBe(400)
    expect(JSON.stringify(lowered.body)).toContain('can only be raised')
  })
})
