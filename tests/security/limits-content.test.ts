/**
 * Content limits: images over the pixel limit are refused before they are decoded, and links in
 * rich text are http(s), mailto or relative — on save through REST, GraphQL and the Local API
 * (drafts too), and again when the reader page renders what is stored.
 */
import fs from 'node:fs'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { execute, sql } from '../../src/database/dialect'
import { MAX_IMAGE_PIXELS } from '../../src/features/limits/guards'
import { articlePageGET } from '../../src/features/site/handlers'
import { isAllowedLink } from '../../src/utilities/links'
import { bootAs, type Booted } from '../helpers/boot'
import { linkDocument } from '../helpers/lexical'
import { shutdown, type TestContext } from '../helpers/payload'

let ctx: TestContext, client: Booted['client'], editor: string
beforeAll(async () => {
  ;({ ctx, token: editor, client } = await bootAs('editor@example.com', ['editor']))
})
afterAll(() => shutdown(ctx))

/** A PNG that declares width × height: its header, and rows that compress to almost nothing. */
function bigPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(zlib.crc32(body), body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  const rows = zlib.deflateSync(Buffer.alloc(4096)) // a start of the rows; only a decoder wants them all
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const upload = (file: Buffer, name: string) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), name)
  form.append('_payload', JSON.stringify({ alt: 'Huge' }))
  return client.post('/images', { form, token: editor })
}

describe('image pixel limit', () => {
  const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) + 1
  test.each([
    ['16,000 × 16,000', 16_000, 16_000],
    [`just over the limit (${side} × ${side})`, side, side],
    ['a very wide strip', MAX_IMAGE_PIXELS, 2],
  ])('%s: 413 with a message, nothing stored, no memory spent', async (_name, width, height) => {
    const before = await ctx.payload.count({ collection: 'images' })
    const rss = process.memoryUsage().rss
    const started = Date.now()
    const res = await upload(bigPng(width, height), `huge-${width}x${height}.png`)
    expect(res.status).toBe(413)
    expect(res.body.errors[0].message).toMatch(/^The image is too large: \d+ × \d+ pixels/)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
    expect(await ctx.payload.count({ collection: 'images' })).toEqual(before)
    const stored = fs.existsSync(ctx.mediaDir) ? fs.readdirSync(ctx.mediaDir) : []
    expect(stored.filter((f) => f.startsWith('huge-'))).toEqual([])
  })

  test('the Local API is held to the same limit', async () => {
    const data = bigPng(16_000, 16_000)
    await expect(
      ctx.payload.create({
        collection: 'images',
        data: { alt: 'Huge' },
        file: { data, mimetype: 'image/png', name: 'huge-local.png', size: data.length },
      }),
    ).rejects.toMatchObject({ status: 413 })
  })
})

const HOSTILE = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://[',
]
const FINE = [
  'https://example.com/a',
  'http://example.com',
  'mailto:desk@example.com',
  '/de/articles/x',
  '#top',
  '?page=2',
  'other-page',
]

const bodyWithLink = (url: string, type: 'link' | 'autolink' = 'link') =>
  linkDocument({ url, linkType: 'custom', newTab: false }, { type })

describe('links in rich text', () => {
  test.each(HOSTILE)(
    '%j: refused on save (REST, REST draft, GraphQL, Local API) with a 400',
    async (url) => {
      expect(isAllowedLink(url)).toBe(false)
      const before = await ctx.payload.count({ collection: 'articles', draft: true } as never)
      const body = bodyWithLink(url)
      const rest = await client.post('/articles', {
        token: editor,
        body: { title: 'Link', body, _status: 'published' },
      })
      const draft = await client.post('/articles?draft=true', {
        token: editor,
        body: { title: 'Link', body: bodyWithLink(url, 'autolink') },
      })
      const gql = await client.graphql(
        'mutation ($body: JSON) { createArticle(data: { title: "Link", body: $body }, draft: true) { id } }',
        { body },
        { token: editor },
      )
      for (const res of [rest, draft]) {
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.body)).toMatch(/Links must be http\(s\), mailto or relative URLs/)
      }
      expect(gql.body.errors?.[0]?.extensions?.statusCode).toBe(400)
      await expect(
        ctx.payload.create({
          collection: 'articles',
          draft: true,
          data: { title: 'Link', body } as never,
        }),
      ).rejects.toMatchObject({ status: 400 })
      expect(await ctx.payload.count({ collection: 'articles', draft: true } as never)).toEqual(
        before,
      )
    },
  )

  test.each(FINE)('%j: saved and read back', async (url) => {
    const res = await client.post('/articles', {
      token: editor,
      body: { title: `Fine link ${FINE.indexOf(url)}`, body: bodyWithLink(url) },
    })
    expect(res.status).toBe(201)
    const back = await client.get(`/articles/${res.body.doc.id}?draft=true`, { token: editor })
    expect(back.body.body.root.children[0].children[0].fields.url).toBe(url)
  })

  test('a hostile link stored around the API renders as text, not as an href', async () => {
    const article = await ctx.payload.create({
      collection: 'articles',
      data: {
        title: 'Stored around',
        slug: 'stored-around',
        _status: 'published',
        body: bodyWithLink('https://ok.example/'),
      } as never,
    })
    // as an old row or a direct database write would hold it
    const hostile = JSON.stringify(bodyWithLink('javascript:alert(document.cookie)'))
    await execute(
      ctx.payload,
      sql`update articles_locales set body = ${hostile} where _parent_id = ${article.id}`,
    )
    const res = await articlePageGET(ctx.config)(
      new Request('http://localhost/en/articles/stored-around'),
      {
        params: Promise.resolve({ locale: 'en', slug: 'stored-around' }),
      },
    )
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('the link')
    expect(html).not.toMatch(/javascript:/i)
  })
})
