/**
 * CSRF: a cookie login counts only for requests from the site's own origins (Payload's `csrf`), the
 * consent form accepts only the site's own form posts, and its redirect stays on the site; a consent
 * record is filed under an existing consentId only by the browser that holds it.
 */
import crypto from 'node:crypto'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { CONSENT_PROOF_COOKIE } from 'payload-plugin-ai-disclosure'

import { crossSiteReason, sameSitePath, trustedOrigins } from '../../src/features/limits/csrf'
import { consentFormPOST } from '../../src/features/site/handlers'
import { bootAs, type Booted } from '../helpers/boot'
import { shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext, client: Booted['client'], editor: string
beforeAll(async () => {
  ;({ ctx, token: editor, client } = await bootAs('editor@example.com', ['editor']))
})
afterAll(() => shutdown(ctx))

const [ownOrigin] = trustedOrigins()
/** Request headers as browsers send them, by where the request comes from. */
const FOREIGN: Array<[string, Record<string, string>]> = [
  ['a foreign Origin', { origin: 'https://evil.example' }],
  ['Origin: null', { origin: 'null' }],
  ['Origin: foo', { origin: 'foo' }],
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  [
    'Sec-Fetch-Site: cross-site with our Origin',
    { 'sec-fetch-site': 'cross-site', origin: ownOrigin },
  ],
  ['neither Origin nor Sec-Fetch-Site', {}],
]
const OWN: Array<[string, Record<string, string>]> = [
  ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
  [
    'Sec-Fetch-Site: same-origin with Origin: null (a no-referrer page)',
    { 'sec-fetch-site': 'same-origin', origin: 'null' },
  ],
  ...trustedOrigins().map((o): [string, Record<string, string>] => [`Origin ${o}`, { origin: o }]),
]

describe("Payload's csrf list", () => {
  test('is the public origin (and on a developer machine its loopback addresses)', () => {
    expect(ctx.config.csrf).toEqual(expect.arrayContaining(trustedOrigins()))
    expect(ctx.config.csrf).not.toContain('null')
  })

  const createWithCookie = (headers: Record<string, string>) =>
    client.post('/related-articles', {
      headers: { cookie: `payload-token=${editor}`, ...headers },
      body: { summary: `cookie write ${JSON.stringify(headers)}` },
    })

  // Payload decides by Origin when there is one, else by Sec-Fetch-Site (same-site passes).
  const payloadForeign = FOREIGN.filter(([name]) => !/same-site|with our Origin/.test(name))
  const payloadOwn = OWN.filter(([name]) => !name.includes('Origin: null'))

  test.each(payloadForeign)(
    'a cookie-authenticated write with %s is not logged in (403) and writes nothing',
    async (_name, headers) => {
      const before = await ctx.payload.count({ collection: 'related-articles' })
      expect((await createWithCookie(headers)).status).toBe(403)
      expect(await ctx.payload.count({ collection: 'related-articles' })).toEqual(before)
    },
  )

  test.each(payloadOwn)(
    'a cookie-authenticated write with %s is the editor’s (201, read back)',
    async (_name, headers) => {
      const res = await createWithCookie(headers)
      expect(res.status).toBe(201)
      const back = await ctx.payload.findByID({
        collection: 'related-articles',
        id: res.body.doc.id,
      })
      expect(back.summary).toBe(`cookie write ${JSON.stringify(headers)}`)
    },
  )
})

describe('POST /site/consent', () => {
  let address = 0 // each post from its own address: the consent log limits posts per address
  const post = (headers: Record<string, string>, fields: Record<string, string> = {}) =>
    consentFormPOST(ctx.config)(
      new Request(`${ownOrigin}/site/consent`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `198.51.100.${++address}`,
          ...headers,
        },
        body: new URLSearchParams({
          acceptType: 'necessary',
          revision: '1',
          locale: 'de',
          return: '/de/',
          ...fields,
        }),
      }),
    )

  test.each(FOREIGN)(
    'refuses a post with %s: 403 with a message, no record',
    async (_name, headers) => {
      const before = await ctx.payload.count({ collection: 'consent-records' })
      const res = await post(headers)
      expect(res.status).toBe(403)
      expect(await res.text()).toMatch(/^Only this site's own consent form may post here/)
      expect(res.headers.get('set-cookie')).toBeNull()
      expect(await ctx.payload.count({ collection: 'consent-records' })).toEqual(before)
    },
  )

  test.each(OWN)(
    'accepts a post with %s: a record, cookies, a redirect back',
    async (_name, headers) => {
      const before = (await ctx.payload.count({ collection: 'consent-records' })).totalDocs
      const res = await post(headers)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/de/')
      expect((await ctx.payload.count({ collection: 'consent-records' })).totalDocs).toBe(
        before + 1,
      )
    },
  )

  const HOSTILE_RETURNS = [
    '/\t/evil.example/',
    '/\n/evil.example/',
    '/\r\n/evil.example',
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    ' /de/',
    '/de/\u0000',
    '/de/\u007f',
    'evil.example',
    '',
  ]
  test.each(HOSTILE_RETURNS.map((r) => [JSON.stringify(r), r]))(
    'return=%s redirects to the safe default path',
    async (_name, value) => {
      const res = await post({ 'sec-fetch-site': 'same-origin' }, { return: value })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/')
    },
  )

  test('a same-site return path with query and fragment is kept', async () => {
    const res = await post(
      { 'sec-fetch-site': 'same-origin' },
      { return: '/de/articles/x?consent=settings#consent' },
    )
    expect(res.headers.get('location')).toBe('/de/articles/x?consent=settings#consent')
  })
})

describe('sameSitePath', () => {
  // Every accepted path, resolved by the URL parser against any origin, stays on that origin.
  const inputs = [
    '/%09/evil.example/',
    '/a/../../evil',
    '/./\u0009/x',
    '/%2f%2fevil.example',
    '/de/?next=//evil.example',
    '/#//evil.example',
    '/@evil.example',
    '/..//evil.example',
  ]
  test.each(inputs)('%j stays on the site', (value) => {
    const path = sameSitePath(value)
    for (const origin of ['https://news.example', 'http://localhost:3000'])
      expect(new URL(path, origin).origin).toBe(origin)
  })

  test('crossSiteReason never throws on odd Origin values', () => {
    for (const origin of ['foo', 'null', 'http://', '%', 'http://[::1', ' '.repeat(10_000)])
      expect(crossSiteReason(new Headers({ origin }), trustedOrigins())).toMatch(/Origin/)
  })
})

describe('a consent record cannot be filed under another visitor’s consentId', () => {
  let address = 100
  const record = (body: Record<string, unknown>, cookie?: string) =>
    client.post('/consent-records', {
      body: { acceptType: 'necessary', revision: 1, locale: 'en', ...body },
      headers: { 'x-forwarded-for': `203.0.113.${++address}`, ...(cookie ? { cookie } : {}) },
    })
  const proofOf = (res: { headers: Headers }) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${CONSENT_PROOF_COOKIE}=`))
      ?.split(';')[0]
  const recordsOf = async (consentId: string) =>
    (
      await ctx.payload.find({
        collection: 'consent-records',
        where: { consentId: { equals: consentId } },
      })
    ).docs

  test('the first record issues an HttpOnly proof; the holder adds to its id, nobody else can', async () => {
    const first = await record({})
    expect(first.status).toBe(201)
    const consentId = first.body.doc.consentId as string
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${CONSENT_PROOF_COOKIE}=`))
    expect(cookie).toMatch(/; HttpOnly; SameSite=Lax/)

    for (const forged of [
      undefined,
      `${CONSENT_PROOF_COOKIE}=forged`,
      `${CONSENT_PROOF_COOKIE}=${'A'.repeat(43)}`,
    ]) {
      const res = await record({ consentId, acceptType: 'all' }, forged)
      expect(res.status).toBe(403)
      expect(res.body.errors[0].message).toMatch(/only the browser it was issued to/)
    }
    // the same id in other spellings is the same id
    expect((await record({ consentId: consentId.toUpperCase(), acceptType: 'all' })).status).toBe(
      403,
    )
    expect(await recordsOf(consentId)).toHaveLength(1)

    const again = await record({ consentId, acceptType: 'all' }, proofOf(first))
    expect(again.status).toBe(201)
    expect((await recordsOf(consentId)).map((r) => r.acceptType).sort()).toEqual([
      'all',
      'necessary',
    ])
  })

  test('a new id chosen by the client is still accepted', async () => {
    const consentId = crypto.randomUUID()
    const res = await record({ consentId })
    expect(res.status).toBe(201)
    expect(res.body.doc.consentId).toBe(consentId)
    expect(proofOf(res)).toBeDefined()
  })

  test('the form without JavaScript keeps the id with its proof, and starts a new one without', async () => {
    const form = (cookie?: string) =>
      consentFormPOST(ctx.config)(
        new Request(`${ownOrigin}/site/consent`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'sec-fetch-site': 'same-origin',
            'x-forwarded-for': `203.0.113.${++address}`,
            ...(cookie ? { cookie } : {}),
          },
          body: new URLSearchParams({ acceptType: 'necessary', revision: '1', return: '/' }),
        }),
      )
    const first = await form()
    expect(first.status).toBe(303)
    const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0])
    const consentId = /newsroom_consent=1\.([0-9a-f-]{36})\./.exec(cookies.join('; '))![1]
    expect(cookies.some((c) => c.startsWith(`${CONSENT_PROOF_COOKIE}=`))).toBe(true)

    expect((await form(cookies.join('; '))).status).toBe(303)
    expect(await recordsOf(consentId)).toHaveLength(2)

    // someone else's id in a forged consent cookie, without its proof: a record of its own
    const forged = await form(`newsroom_consent=1.${consentId}.all`)
    expect(forged.status).toBe(303)
    expect(forged.headers.getSetCookie().join()).not.toContain(consentId)
    expect(await recordsOf(consentId)).toHaveLength(2)
  })
})
