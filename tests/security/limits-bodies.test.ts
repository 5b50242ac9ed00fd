/**
 * Bodies Payload parses itself, through the API bridge (src/server/payloadApi.ts) and Payload's real REST
 * handlers: a multipart body that cannot be read is a 400 that says so on every write route,
 * anonymous or logged in, and e-mail verification (not configured for users) is a 4xx for any
 * token. Nothing is stored by a refused write.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { pino } from 'pino'

import { clientErrorsAtInfo, MULTIPART_MESSAGE } from '../../src/features/limits/clientErrors'
import { VERIFICATION_NOT_IN_USE_MESSAGE } from '../../src/features/limits/guards'
import { payloadApi } from '../../src/server/payloadApi'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext
let handle: ReturnType<typeof payloadApi>
let editor: string
let articleId: string | number

beforeAll(async () => {
  ctx = await bootPayload()
  handle = payloadApi(ctx.config)
  editor = await loginAs(ctx.payload, 'bodies-editor@example.com', ['editor'])
  const article = await ctx.payload.create({
    collection: 'articles',
    data: { title: 'Bodies fixture', slug: 'bodies-fixture' } as never,
  })
  articleId = article.id
})
afterAll(() => shutdown(ctx))

type Sent = { status: number; message: string; ms: number }
async function send(
  method: string,
  path: string,
  opts: { body?: BodyInit; headers?: Record<string, string>; token?: string } = {},
): Promise<Sent> {
  const headers = new Headers(opts.headers)
  if (opts.token) headers.set('authorization', `JWT ${opts.token}`)
  const started = Date.now()
  const res = await handle(
    new Request(`http://localhost/api${path}`, { method, headers, body: opts.body }),
  )
  const text = await res.text()
  let message = text
  try {
    message = (JSON.parse(text) as { errors?: { message: string }[] }).errors?.[0]?.message ?? text
  } catch {
    // not JSON: the text is the message
  }
  return { status: res.status, message, ms: Date.now() - started }
}

const multipart = (boundary: string, body: string) => ({
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  body,
})

/** Bodies busboy cannot read, and a readable one whose `_payload` field is not JSON. */
const BROKEN: [name: string, opts: ReturnType<typeof multipart>, reason: RegExp][] = [
  ['a boundary the body never uses', multipart('x', '--y\r\n\r\n'), /end of the form/],
  ['a truncated part', multipart('y', '--y\r\ncontent-disposition: form'), /end of the form/],
  [
    'a part header that is not a header',
    multipart('y', `--y\r\n${'\u0001'.repeat(20)}\r\n\r\nv\r\n--y--\r\n`),
    /part header|end of the form/,
  ],
  [
    'a `_payload` field that is not JSON',
    multipart(
      'y',
      '--y\r\ncontent-disposition: form-data; name="_payload"\r\n\r\n{"title":\r\n--y--\r\n',
    ),
    /_payload/,
  ],
  [
    'a multipart content type without a boundary',
    { headers: { 'content-type': 'multipart/form-data' }, body: '--y\r\n\r\n' },
    /boundary/,
  ],
]

const routes = () =>
  [
    ['POST', '/articles'],
    ['PATCH', `/articles/${articleId}`],
    ['PATCH', '/articles?where[id][equals]=x'],
    ['POST', `/articles/${articleId}/duplicate`],
    ['POST', '/users/login'],
    ['POST', '/users/forgot-password'],
    ['POST', '/users/reset-password'],
    ['POST', `/articles/access/${articleId}`],
    ['POST', '/globals/consent'],
  ] as const

describe('a multipart body that cannot be read', () => {
  test.each(BROKEN)(
    '%s → 400 on every write route, anonymous and logged in',
    async (_n, opts, reason) => {
      const before = await ctx.payload.count({ collection: 'articles' })
      for (const [method, path] of routes()) {
        for (const token of [undefined, editor]) {
          const res = await send(method, path, { ...opts, token })
          expect({ method, path, anonymous: !token, status: res.status }).toEqual({
            method,
            path,
            anonymous: !token,
            status: 400,
          })
          expect(res.message).toMatch(/^The multipart body could not be read: /)
          expect(res.message).toMatch(reason)
          expect(res.ms).toBeLessThan(3000)
        }
      }
      expect(await ctx.payload.count({ collection: 'articles' })).toEqual(before)
      const stored = await ctx.payload.findByID({ collection: 'articles', id: articleId })
      expect(stored.title).toBe('Bodies fixture')
    },
  )

  test('a readable multipart body still saves (read back)', async () => {
    const form = new FormData()
    form.set('_payload', JSON.stringify({ title: 'Multipart save' }))
    const res = await send('PATCH', `/articles/${articleId}`, { body: form, token: editor })
    expect(res.status).toBe(200)
    const stored = await ctx.payload.findByID({ collection: 'articles', id: articleId })
    expect(stored.title).toBe('Multipart save')
    await ctx.payload.update({
      collection: 'articles',
      id: articleId,
      data: { title: 'Bodies fixture' } as never,
    })
  })

  test('logged as one info line without a stack, not as a server error', () => {
    const lines: string[] = []
    const logger = pino(
      { ...clientErrorsAtInfo.options, level: 'info' },
      { write: (line: string) => void lines.push(line) },
    )
    // What busboy throws for a form that ends early, as Payload logs it before answering.
    const err = new Error('Unexpected end of form')
    err.stack = `Error: Unexpected end of form\n    at Multipart._final (/app/node_modules/busboy/lib/types/multipart.js:588:17)`
    logger.error({ err })
    const entry = JSON.parse(lines[0])
    expect(entry.level).toBe(30)
    expect(entry.msg).toMatch(/^400 The multipart body could not be read/)
    expect(MULTIPART_MESSAGE).toMatch(/^The multipart body could not be read/)
  })
})

describe('e-mail verification (not configured for users)', () => {
  const TOKENS = [
    '1',
    '1e309',
    'x'.repeat(2000),
    '%ZZ',
    '1?where=x',
    '1?where[title][equals]=%FF%FE&where[id][in]=a,b',
    '1?depth=-1&limit=abc',
  ]
  test.each(TOKENS.map((t) => [t.slice(0, 40)] as const).map(([t], i) => [t, TOKENS[i]]))(
    'POST /users/verify/%s → 4xx with a message',
    async (_shown, token) => {
      for (const [body, type] of [
        [undefined, undefined],
        ['{}', 'application/json'],
        ['[[[[', 'application/json'],
        ['--y\r\n\r\n', 'multipart/form-data; boundary=y'],
      ] as const) {
        const res = await send('POST', `/users/verify/${token}`, {
          body,
          headers: type ? { 'content-type': type } : {},
        })
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
        expect(res.message).not.toMatch(/Something went wrong/)
        expect(res.ms).toBeLessThan(3000)
      }
    },
  )

  test('a plain token says that verification is not in use; logged in too', async () => {
    for (const token of [undefined, editor]) {
      const res = await send('POST', '/users/verify/some-token', { token })
      expect(res.status).toBe(404)
      expect(res.message).toMatch(/verification/i)
    }
  })
})

describe('e-mail verification through GraphQL', () => {
  test('verifyEmailUser is a client error with the same message', async () => {
    const res = await handle(
      new Request('http://localhost/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { verifyEmailUser(token: "1e309") }' }),
      }),
    )
    const body = (await res.json()) as {
      errors?: { message: string; extensions?: { statusCode?: number } }[]
    }
    expect(body.errors?.[0]?.extensions?.statusCode).toBe(404)
    expect(body.errors?.[0]?.message).toBe(VERIFICATION_NOT_IN_USE_MESSAGE)
  })
})
