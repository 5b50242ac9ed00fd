/**
 * The malformed-input corpus: every input that once made the API work without bound or answer a
 * 500 now gets a clear 4xx with a message, through Payload's real REST and GraphQL handlers, and the
 * handlers keep answering afterwards. The limits themselves come from QUERY_LIMITS, so the corpus
 * follows them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { pino } from 'pino'

import { MAX_LOGGED_CHARS, clientErrorsAtInfo } from '../../src/features/limits/clientErrors'
import { MAX_PAGE_SIZE, QUERY_LIMITS } from '../../src/features/limits/guards'
import type { ApiResponse } from '../helpers/api'
import { createImage } from '../helpers/fixtures'
import { publicImage } from '../../src/features/images/publicImage'
import { bootAs, type Booted } from '../helpers/boot'
import { shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext, client: Booted['client'], editor: string
beforeAll(async () => {
  ;({ ctx, token: editor, client } = await bootAs('editor@example.com', ['editor']))
})
afterAll(() => shutdown(ctx))

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ')
const q = encodeURIComponent
/** `{"and":[ … ]}` nested n levels around one condition, as raw JSON (too deep to stringify). */
const nestedJson = (n: number, key = 'and') =>
  `{"${key}":[`.repeat(n) + '{"title":{"equals":"x"}}' + ']}'.repeat(n)
const gqlAccept = { accept: 'application/graphql-response+json' }
const override = (search: string) =>
  client.post('/articles', {
    rawBody: search,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-payload-http-method-override': 'GET',
    },
  })
const VARIABLE_TYPES: Record<string, string> = { w: 'String', ids: '[String]' }
// `token`: a body over 64 KB is refused before anything else without a credential
const gqlWhere = (where: string, variables?: Record<string, unknown>, token?: string) =>
  client.graphql(
    `query${variables ? `(${Object.keys(variables).map((v) => `$${v}: ${VARIABLE_TYPES[v]}`)})` : ''} { Articles(where: ${where}) { docs { id } } }`,
    variables ?? {},
    { headers: gqlAccept, token },
  )

type Case = [name: string, send: () => Promise<ApiResponse>, message: RegExp]
const L = QUERY_LIMITS
const CORPUS: Case[] = [
  [
    `like with ${L.termWords + 1} words (GET)`,
    () => client.get(`/articles?where[title][like]=${q(words(L.termWords + 1))}`),
    /too many words/,
  ],
  [
    'like with ~7k words (GET; "Expression tree is too large")',
    () => client.get(`/articles?where[title][like]=${q(words(7000))}`),
    /too long/,
  ],
  [
    `like over ${L.termChars} characters`,
    () => client.get(`/articles?where[title][like]=${'x'.repeat(L.termChars + 1)}`),
    /too long/,
  ],
  [
    `contains over ${L.termChars} characters`,
    () => client.get(`/related-articles?where[summary][contains]=${'x'.repeat(L.termChars + 1)}`),
    /too long/,
  ],
  [
    `like words over ${L.totalWords} together`,
    () =>
      client.get(
        `/articles?${Array.from({ length: Math.ceil(L.totalWords / L.termWords) + 1 }, (_, i) => `where[or][${i}][title][like]=${q(words(L.termWords))}`).join('&')}`,
      ),
    /together/,
  ],
  [
    'like with 100k words (method override body)',
    () => override(`where[title][like]=${q(words(100_000))}`),
    /too long/,
  ],
  [
    `more than ${L.conditions} conditions`,
    () =>
      client.get(
        `/articles?${Array.from({ length: L.conditions + 1 }, (_, i) => `where[or][${i}][title][equals]=t${i}`).join('&')}`,
      ),
    /conditions/,
  ],
  [
    `in with more than ${L.listItems} values`,
    () =>
      client.get(
        `/articles?where[id][in]=${Array.from({ length: L.listItems + 1 }, (_, i) => `id${i}`).join(',')}`,
      ),
    /too many values/,
  ],
  [
    'where JSON nested 10,000 levels (REST)',
    () => client.get(`/articles?where=${q(nestedJson(10_000))}`),
    /deeper than/,
  ],
  [
    `where nested ${L.depth + 1} levels (REST JSON)`,
    () => client.get(`/articles?where=${q(nestedJson(L.depth + 1, 'or'))}`),
    /deeper than/,
  ],
  [
    'bulk update with a 7k-word like',
    () =>
      client.patch(`/articles?where[title][like]=${q(words(7000))}`, {
        token: editor,
        body: { summary: 'x' },
      }),
    /too long/,
  ],
  [
    'bulk delete with a where nested 10,000 levels',
    () => client.delete(`/articles?where=${q(nestedJson(10_000))}`, { token: editor }),
    /deeper than/,
  ],
  [
    'GraphQL like with 100k words',
    () => gqlWhere('{ title: { like: $w } }', { w: words(100_000) }, editor),
    /too long/,
  ],
  [
    'GraphQL body of 689 KB without a credential',
    () => gqlWhere('{ title: { like: $w } }', { w: words(100_000) }),
    /too large/,
  ],
  [
    `GraphQL in with more than ${L.listItems} values`,
    () =>
      gqlWhere('{ id: { in: $ids } }', {
        ids: Array.from({ length: L.listItems + 1 }, (_, i) => `id${i}`),
      }),
    /too many values/,
  ],
  [
    `GraphQL where nested ${L.depth + 1} levels`,
    () =>
      gqlWhere(
        '{ AND: ['.repeat(L.depth + 1) + '{ title: { equals: "x" } }' + '] }'.repeat(L.depth + 1),
      ),
    /deeper than/,
  ],
  [
    'GraphQL where variables nested 10,000 levels',
    () =>
      client.graphql(
        '',
        {},
        {
          headers: gqlAccept,
          token: editor,
          rawBody: `{"query":"query($w: Article_where) { Articles(where: $w) { docs { id } } }","variables":{"w":${nestedJson(10_000, 'AND')}}}`,
        },
      ),
    /nest deeper/,
  ],
  [
    'GraphQL fragment cycle',
    () =>
      client.graphql(
        'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
        {},
        { headers: gqlAccept },
      ),
    /Cannot spread fragment/,
  ],
  [
    'GraphQL fragment cycle inside a field',
    () =>
      client.graphql(
        '{ Articles { ...X } } fragment X on Articles { docs { id } ...X }',
        {},
        { headers: gqlAccept },
      ),
    /Cannot spread fragment/,
  ],
  ['file name ..%252f..', () => client.get('/images/file/..%252f..'), /file/i],
  ['file name %00', () => client.get('/images/file/%00'), /file/i],
  // Not UTF-8 once decoded: refused by the bridge before Payload (src/server/payloadApi.ts).
  ['file name %c0%af', () => client.get('/images/file/%c0%af'), /percent-encoding/i],
  ['file name of no file', () => client.get('/images/file/nothing-here.png'), /No file named/],
  [
    'file name ../../package.json',
    // Decoded to `../../package.json` (as Next decodes route segments): refused before any file is read.
    () => client.get('/images/file/..%2f..%2fpackage.json'),
    /not allowed/i,
  ],
]

/** A 4xx with a message: REST's status, or a GraphQL error that says it is the client's. */
function expectClientError(res: ApiResponse, message: RegExp) {
  const errors = (res.body?.errors ?? res.body) as Array<{
    message: string
    extensions?: { statusCode?: number }
  }>
  expect(Array.isArray(errors)).toBe(true)
  const status = res.status === 200 ? errors[0]?.extensions?.statusCode : res.status
  expect(status).toBeGreaterThanOrEqual(400)
  expect(status).toBeLessThan(500)
  expect(errors.map((e) => e.message).join(' ')).toMatch(message)
}

describe('malformed input corpus', () => {
  test.each(CORPUS)('%s → 4xx with a message', async (_name, send, message) => {
    const started = Date.now()
    expectClientError(await send(), message)
    expect(Date.now() - started).toBeLessThan(3000) // refused before the work, not after it
    expect((await client.get('/articles?limit=1')).status).toBe(200) // still answering
  })

  test('inputs at the limits are answered', async () => {
    const ok = [
      await client.get(`/articles?where[title][like]=${q(words(L.termWords))}`),
      await client.get(`/articles?where=${q(nestedJson(L.depth, 'or'))}`),
      await client.get(
        // ids of the stored form (PostgreSQL refuses a non-uuid with a 400)
        `/articles?where[id][in]=${Array.from({ length: L.listItems }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',')}`,
      ),
      await override(`where[title][like]=${q(words(L.termWords))}`),
    ]
    for (const res of ok) expect(res.status).toBe(200)
    const gql = await gqlWhere('{ title: { like: $w } }', { w: words(L.termWords) })
    expect(gql.body.errors).toBeUndefined()
  })

  test("an existing image's files are still served: the original to staff, its copy to anyone", async () => {
    const image = await createImage(ctx.payload, 'Served file')
    const original = await client.get(`/images/file/${image.filename}`, { token: editor })
    expect(original.status).toBe(200)
    expect(original.headers.get('content-type')).toMatch(/^image\//)
    const copy = publicImage(image as never)
    expect(copy).not.toBeNull()
    const res = await client.get(`/images/file/${copy!.filename}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^image\//)
  })
})

describe("page size: Payload's admin is never refused", () => {
  test('the admin asks for related documents by id with limit=250 (bounded by its list)', async () => {
    const { docs } = await ctx.payload.find({ collection: 'locales', limit: 10 })
    const ids = docs.map((d) => `where[id][in][]=${d.id}`).join('&')
    const res = await client.get(`/locales?depth=0&draft=true&limit=250&${ids}`, { token: editor })
    expect(res.status).toBe(200)
    expect(res.body.docs.map((d: { id: string }) => d.id).sort()).toEqual(
      docs.map((d) => d.id).sort(),
    )
  })

  test(`without an id list, or with one over ${L.listItems}, limit over ${MAX_PAGE_SIZE} is still refused`, async () => {
    expect((await client.get('/locales?limit=250')).status).toBe(400)
    expect((await client.get('/locales?limit=250&where[code][in]=en,de')).status).toBe(400)
    const many = Array.from({ length: L.listItems + 1 }, (_, i) => `id${i}`).join(',')
    expect((await client.get(`/locales?limit=2000&where[id][in]=${many}`)).status).toBe(400)
  })
})

describe('error logs are bounded', () => {
  /** The app's logger options (src/features/limits/clientErrors.ts) on pino, writing JSON lines to memory. */
  function capture() {
    const lines: string[] = []
    const logger = pino(
      { ...clientErrorsAtInfo.options, level: 'info' },
      { write: (line: string) => void lines.push(line) },
    )
    return { logger, lines }
  }

  test('a failed query with megabytes of SQL and parameters logs a few kilobytes, with its cause', () => {
    const { logger, lines } = capture()
    const cause = Object.assign(new Error('SQLITE_ERROR: Expression tree is too large'), {
      code: 'SQLITE_ERROR',
    })
    const params = Array.from({ length: 200_000 }, (_, i) => `%w${i}%`)
    const err = Object.assign(
      new Error(`Failed query: select ${'"title" like ? and '.repeat(100_000)}\nparams: ${params}`),
      { query: 'select …'.repeat(100_000), params, cause },
    )
    logger.error({ err, msg: `Failed query: ${'x'.repeat(1_000_000)}` })
    logger.error(err)
    expect(lines).toHaveLength(2)
    for (const line of lines) {
      expect(line.length).toBeLessThan(4 * MAX_LOGGED_CHARS)
      const entry = JSON.parse(line)
      expect(entry.level).toBe(50)
      expect(entry.err.message).toMatch(/^Failed query: select .*more characters\]/s)
      expect(entry.err.params).toBeUndefined()
      expect(line).toContain(cause.message) // pino folds the cause into the message
    }
  })

  test('client errors stay one short info line', () => {
    const { logger, lines } = capture()
    logger.error({ err: Object.assign(new Error('x'.repeat(100_000)), { status: 400 }) })
    const entry = JSON.parse(lines[0])
    expect(entry.level).toBe(30)
    expect(entry.msg.length).toBeLessThan(MAX_LOGGED_CHARS + 100)
  })
})
