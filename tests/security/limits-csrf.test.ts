/**
 * CSRF: a cookie login counts only for requests from the site's own origins (Payload's `csrf`), the
 * consent form accepts only the site's own form posts, and its redirect stays on the site.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { crossSiteReason, sameSitePath, trustedOrigins } from '../../src/http/csrf'
import { consentFormPOST } from '../../src/site/handlers'
import { api } from '../helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext
let client: ReturnType<typeof api>
let editor: string

beforeAll(async () => {
  ctx = await bootPayload()
  client = api(ctx.config)
  editor = await loginAs(ctx.payload, 'editor@example.com', ['editor'])
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
