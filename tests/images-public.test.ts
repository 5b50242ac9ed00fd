/**
 * Public image policy and upload cost: originals (with EXIF GPS and serials) for staff, the largest
 * resized copy for everyone else (REST, GraphQL, the file route, JSON-LD, Next's optimizer); costly
 * parsing only after the caller may upload; external file URLs refused with a 400; unused images
 * findable.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { hasLocalMatch } from 'next/dist/shared/lib/match-local-pattern.js'
import { createProvenanceReader, provenanceStats } from 'payload-plugin-ai-disclosure'
import sharp from 'sharp'

import { pixelChecks } from '../src/features/limits/imagePixels'
import { heroImageStatus, heroStatusPath } from '../src/features/images/heroImageStatus'
import { UNUSED_IMAGES_QUERY } from '../src/features/images/unusedImages'
import { UnusedImagesLink } from '../src/features/images/UnusedImagesLink'
import { publicImage } from '../src/features/images/publicImage'
import { optimizerPatterns } from '../src/features/images/sizes'
import { articlePageGET } from '../src/features/site/handlers'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

const FIXTURES = path.resolve('plugins/ai-disclosure/tests/fixtures/provenance')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))

let ctx: TestContext
let client: ReturnType<typeof api>
let editor: string
let developer: string

beforeAll(async () => {
  ctx = await bootPayload()
  client = api(ctx.config)
  editor = await loginAs(ctx.payload, 'images-editor@example.com', ['editor'])
  developer = await loginAs(ctx.payload, 'images-dev@example.com', ['developer'])
})
afterAll(() => shutdown(ctx))

const form = (file: Buffer, name: string, type: string, data: Record<string, unknown> = {}) => {
  const body = new FormData()
  body.append('file', new Blob([new Uint8Array(file)], { type }), name)
  body.append('_payload', JSON.stringify({ alt: 'Bild', ...data }))
  return body
}

/** A 1000 × 1000 PNG whose XMP packet has `attributes` attributes on one rdf:Description. */
async function hostileXmpPng(attributes: number): Promise<Buffer> {
  const attrs = Array.from({ length: attributes }, (_, i) => ` a:${i.toString(36)}="1"`).join('')
  const packet =
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:a="urn:example:a"${attrs}/></rdf:RDF></x:xmpmeta>`
  return sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#345' } })
    .png()
    .withXmp(packet)
    .toBuffer()
}

/** Whether an EXIF block (as sharp's `metadata().exif`) has a GPS IFD (tag 0x8825 in IFD0). */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') >= 0 ? exif.indexOf('Exif\0\0') + 6 : 0)
  const le = tiff.toString('latin1', 0, 2) === 'II'
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at))
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at))
  const ifd0 = u32(4)
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true
  return false
}

const cpuMs = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const start = process.cpuUsage()
  const result = await run()
  const used = process.cpuUsage(start)
  return [result, (used.user + used.system) / 1000]
}

describe('uploads are parsed only after access', () => {
  test('anonymous upload with a 90,000-attribute XMP packet: 403, never parsed or decoded', async () => {
    const png = await hostileXmpPng(90_000)
    expect((await sharp(png).metadata()).xmp!.length).toBeGreaterThan(900_000)
    const before = { ...provenanceStats, pixels: pixelChecks.count }
    const [res, cpu] = await cpuMs(() =>
      client.post('/images', { form: form(png, 'hostile.png', 'image/png') }),
    )
    expect(res.status).toBe(403)
    expect(provenanceStats.reads).toBe(before.reads)
    expect(provenanceStats.xmpParses).toBe(before.xmpParses)
    expect(pixelChecks.count).toBe(before.pixels)
    // a developer (read-only API role) is refused alike
    const dev = await client.post('/images', {
      form: form(png, 'hostile.png', 'image/png'),
      token: developer,
    })
    expect(dev.status).toBe(403)
    expect(provenanceStats.reads).toBe(before.reads)

    // an update of an image by someone who may not update it is refused before the read too
    const image = await ctx.payload.create({
      collection: 'images',
      data: { alt: 'Ziel' },
      file: { data: fixture('plain.png'), mimetype: 'image/png', name: 'target.png', size: 1 },
    })
    const reads = provenanceStats.reads
    const patch = await client.patch(`/images/${image.id}`, {
      form: form(png, 'hostile.png', 'image/png'),
    })
    expect(patch.status).toBe(403)
    expect(provenanceStats.reads).toBe(reads)

    // what the request cost before its 403 when the read ran first (without the node bound)
    const [, readCpu] = await cpuMs(() =>
      createProvenanceReader({ maxXmpNodes: Number.POSITIVE_INFINITY })(png, 'image/png'),
    )
    console.info(
      `anonymous hostile upload: ${cpu.toFixed(0)} ms CPU; the read it skips: ${readCpu.toFixed(0)} ms CPU`,
    )
  })

  test('staff may upload it, but the packet is too large in shape to parse (bounded CPU)', async () => {
    const png = await hostileXmpPng(90_000)
    const parses = provenanceStats.xmpParses
    const [res, cpu] = await cpuMs(() =>
      client.post('/images', { form: form(png, 'hostile.png', 'image/png'), token: editor }),
    )
    expect(res.status).toBe(201)
    expect(provenanceStats.xmpParses).toBe(parses)
    expect(res.body.doc.provenance.reason).toMatch(/more than 20000 elements and attributes/)
    console.info(`editor hostile upload (stored, XMP skipped): ${cpu.toFixed(0)} ms CPU`)
  })
})

describe('public image policy', () => {
  let gps: Record<string, any>
  let c2pa: Record<string, any>

  beforeAll(async () => {
    const up = async (name: string) => {
      const res = await client.post('/images', {
        form: form(fixture(name), name, 'image/jpeg'),
        token: editor,
      })
      expect(res.status).toBe(201)
      return res.body.doc
    }
    gps = await up('camera-gps.jpg')
    c2pa = await up('c2pa-ai.jpg')
    const meta = await sharp(fixture('camera-gps.jpg')).metadata()
    expect(hasGpsIfd(meta.exif)).toBe(true)
  })

  test('the anonymous API answer never points at the original (REST, GraphQL, populated)', async () => {
    const anon = await client.get(`/images/${gps.id}`)
    expect(anon.status).toBe(200)
    const copy = publicImage(anon.body)!
    expect(copy).not.toBeNull()
    expect(anon.body.url).toBe(copy.url)
    expect(anon.body.url).not.toContain(encodeURIComponent(gps.filename))
    // the largest copy (the fixture is smaller than the larger sizes: copies at its own size)
    const copies = Object.values(anon.body.sizes) as Array<{
      url: string
      width: number
      height: number
    }>
    const largest = Math.max(...copies.map((c) => c.width * c.height))
    expect(copy.width! * copy.height!).toBe(largest)
    expect(copies.map((c) => c.url)).toContain(anon.body.url)
    for (const size of Object.values(anon.body.sizes) as Array<{ url: string | null }>) {
      if (size.url) expect(size.url).not.toMatch(new RegExp(`/${gps.filename}$`))
    }
    // staff get the original
    const staff = await client.get(`/images/${gps.id}`, { token: editor })
    expect(staff.body.url).toMatch(new RegExp(`/${encodeURIComponent(gps.filename)}$`))
    // developers (read-only API) are the public here
    const dev = await client.get(`/images/${gps.id}`, { token: developer })
    expect(dev.body.url).toBe(copy.url)

    const gql = await client.graphql(`query ($id: String!) { Image(id: $id) { url } }`, {
      id: gps.id,
    })
    expect(gql.body.data.Image.url).toBe(copy.url)

    const article = await ctx.payload.create({
      collection: 'articles',
      data: { _status: 'published', title: 'Mit Bild', heroImage: gps.id } as never,
      locale: 'en',
    })
    const populated = await client.get(`/articles/${article.id}?depth=1`)
    expect(populated.body.heroImage.url).toBe(copy.url)
  })

  test('the original file route refuses anonymous and serves staff byte for byte', async () => {
    const anon = await client.get(`/images/file/${encodeURIComponent(gps.filename)}`)
    expect(anon.status).toBe(403)
    const dev = await client.get(`/images/file/${encodeURIComponent(gps.filename)}`, {
      token: developer,
    })
    expect(dev.status).toBe(403)
    for (const [doc, name] of [
      [gps, 'camera-gps.jpg'],
      [c2pa, 'c2pa-ai.jpg'],
    ] as const) {
      const staff = await fetchFile(doc.filename, editor)
      expect(staff.status).toBe(200)
      expect(Buffer.compare(staff.bytes, fixture(name))).toBe(0)
    }
  })

  test('every image has a public copy, a 1 × 1 pixel one too', async () => {
    const tiny = await ctx.payload.create({
      collection: 'images',
      data: { alt: 'Winzig' },
      file: { data: fixture('plain.png'), mimetype: 'image/png', name: 'tiny.png', size: 1 },
    })
    const one = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    const dot = await ctx.payload.create({
      collection: 'images',
      data: { alt: 'Punkt' },
      file: { data: one, mimetype: 'image/png', name: 'dot.png', size: one.length },
    })
    for (const doc of [tiny, dot]) {
      const anon = await client.get(`/images/${doc.id}`)
      expect(anon.body.url).toBeTruthy()
      expect(anon.body.url).not.toMatch(new RegExp(`/${doc.filename}$`))
      expect((await fetchFile(publicImage(anon.body)!.filename)).status).toBe(200)
    }
  })

  test('the public copy is served to anyone and has no GPS', async () => {
    const copy = publicImage(gps)!
    const res = await fetchFile(copy.filename)
    expect(res.status).toBe(200)
    const meta = await sharp(res.bytes).metadata()
    expect(meta.width).toBe(copy.width)
    expect(hasGpsIfd(meta.exif)).toBe(false)
    expect(res.bytes.includes(Buffer.from('ExampleCam'))).toBe(false)
    // every copy, not just the public one
    for (const size of Object.values(gps.sizes) as Array<{ filename: string | null }>) {
      if (!size.filename) continue
      const bytes = (await fetchFile(size.filename)).bytes
      expect(hasGpsIfd((await sharp(bytes).metadata()).exif)).toBe(false)
    }
  })

  test('JSON-LD contentUrl is the public copy (endpoint and reader page)', async () => {
    const article = await ctx.payload.create({
      collection: 'articles',
      data: { _status: 'published', title: 'JSON-LD Bild', heroImage: gps.id } as never,
      locale: 'en',
    })
    const copy = publicImage(gps)!
    const res = await client.get(`/ai-disclosure/json-ld/articles/${article.id}?locale=en`)
    expect(res.status).toBe(200)
    const image = res.body.image[0]
    expect(image.contentUrl).toMatch(new RegExp(`${copy.url.replace(/[.?]/g, '\\$&')}$`))
    expect(image.width).toBe(copy.width)
    expect(image.encodingFormat).toBe('image/jpeg')

    // the reader page, also when staff render it
    for (const headers of [{}, { Authorization: `JWT ${editor}` }] as Record<string, string>[]) {
      const page = await articlePageGET(ctx.config)(
        new Request(`http://localhost/en/articles/${article.slug}`, { headers }),
        { params: Promise.resolve({ locale: 'en', slug: article.slug! }) },
      )
      const html = await page.text()
      const ld = JSON.parse(
        /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!,
      )
      expect(ld.image[0].contentUrl).toMatch(new RegExp(`${copy.url.replace(/[.?]/g, '\\$&')}$`))
    }
  })

  test("the article form shows the hero image's AI label and Content Credentials", async () => {
    const field = ctx.config.collections
      .find((c) => c.slug === 'articles')!
      .fields.find((f) => 'name' in f && f.name === 'heroImage') as {
      admin?: { components?: { afterInput?: unknown[] } }
    }
    expect(field.admin?.components?.afterInput).toEqual([
      '/features/images/HeroImageStatus#HeroImageStatus',
    ])
    const importMap = fs.readFileSync('src/app/(payload)/admin/importMap.js', 'utf8')
    expect(importMap).toContain(
      '"/features/images/HeroImageStatus#HeroImageStatus": HeroImageStatus_',
    )

    // the component's request, with the editor's session
    const res = await client.get(heroStatusPath('', c2pa.id), {
      token: editor,
    })
    expect(res.status).toBe(200)
    const status = heroImageStatus(res.body)
    expect(status.aiGenerated).toBe(true)
    expect(status.digitalSourceType).toBe('trainedAlgorithmicMedia')
    expect(status.credentials).toBe(c2pa.provenance.status)
    expect(['trusted', 'untrusted', 'valid']).toContain(status.credentials)
    expect(
      heroImageStatus((await client.get(`/images/${gps.id}`, { token: editor })).body),
    ).toEqual(expect.objectContaining({ aiGenerated: false, credentials: gps.provenance.status }))
  })

  test("Next's image optimizer may read the copies only", async () => {
    const { default: nextConfig } = await import('../next.config')
    const patterns = nextConfig.images?.localPatterns
    expect(patterns).toEqual(optimizerPatterns())
    expect(nextConfig.images?.unoptimized).not.toBe(true)
    const ok = (p: string) => hasLocalMatch(patterns, p)
    expect(ok(publicImage(gps)!.url)).toBe(true)
    expect(ok(gps.sizes.thumbnail.url)).toBe(true)
    expect(ok(`/api/images/file/${gps.filename}`)).toBe(false)
    expect(ok(`/api/images/file/${c2pa.filename}`)).toBe(false)
    expect(ok(`${publicImage(gps)!.url}?v=1`)).toBe(false)
    // an original named like a copy passes the pattern, but not the file route (no credentials)
    const lookalike = await client.post('/images', {
      form: form(fixture('camera-gps.jpg'), 'photo-1600x900.jpg', 'image/jpeg'),
      token: editor,
    })
    expect(ok(`/api/images/file/${lookalike.body.doc.filename}`)).toBe(true)
    expect((await fetchFile(lookalike.body.doc.filename)).status).toBe(403)
    expect(ok('/api/users/me')).toBe(false)
  })
})

/** A file through Payload's REST GET handler (the file route), as bytes. */
async function fetchFile(filename: string, token?: string) {
  const { REST_GET } = await import('@payloadcms/next/routes')
  const request = new Request(
    `http://localhost/api/images/file/${encodeURIComponent(filename)}`,
    token ? { headers: { Authorization: `JWT ${token}` } } : {},
  )
  const res = await REST_GET(ctx.config)(request, {
    params: Promise.resolve({ slug: ['images', 'file', filename] }),
  })
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('external file URLs', () => {
  test.each([
    ['file:///etc/passwd'],
    ['http://127.0.0.1/x.png'],
    ['http://169.254.169.254/latest/meta-data'],
    ['http://[::1]/x.png'],
    ['http://10.0.0.1/x.png'],
    ['http://localhost/x.png'],
    ['ftp://example.com/x.png'],
  ])('%s → 400 with a message', async (url) => {
    const res = await client.post('/images', {
      body: { alt: 'Fern', filename: 'x.png', url },
      token: editor,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/URL/)
  })
})

describe('unused images', () => {
  test('the "used in" joins find images no article uses; staff only', async () => {
    const used = await ctx.payload.create({
      collection: 'images',
      data: { alt: 'Benutzt' },
      file: { data: fixture('plain.png'), mimetype: 'image/png', name: 'used.png', size: 1 },
    })
    const unused = await ctx.payload.create({
      collection: 'images',
      data: { alt: 'Unbenutzt' },
      file: { data: fixture('plain.png'), mimetype: 'image/png', name: 'unused.png', size: 1 },
    })
    await ctx.payload.create({
      collection: 'articles',
      data: { _status: 'published', title: 'Benutzer', heroImage: used.id } as never,
      locale: 'en',
    })
    // the query of the list's "Show unused images" link
    const images = ctx.config.collections.find((c) => c.slug === 'images')!
    expect(images.admin.components?.beforeListTable).toEqual([
      '/features/images/UnusedImagesLink#UnusedImagesLink',
    ])
    const res = await client.get(`/images?limit=100&depth=0&${UNUSED_IMAGES_QUERY}`, {
      token: editor,
    })
    expect(res.status).toBe(200)
    const ids = res.body.docs.map((d: { id: string }) => d.id)
    expect(ids).toContain(unused.id)
    expect(ids).not.toContain(used.id)

    const one = await client.get(`/images/${used.id}`, { token: editor })
    expect(one.body.usedInArticles.docs.length).toBe(1)
    const anon = await client.get(`/images/${used.id}`)
    expect(anon.body.usedInArticles).toBeUndefined()
    // the link above the list, in both admin languages
    const { renderToStaticMarkup } = await import('react-dom/server')
    const { createElement } = await import('react')
    const html = (language: string, searchParams = {}) =>
      renderToStaticMarkup(
        createElement(UnusedImagesLink, { i18n: { language } as never, searchParams }),
      )
    expect(html('en')).toContain('href="?unused=1"')
    expect(html('en')).toContain('Show unused images')
    expect(html('de')).toContain('Unbenutzte Bilder anzeigen')
    expect(html('de', { unused: '1' })).toContain('Alle Bilder anzeigen')
    // the admin list opened by the link (`?unused=1`) filters through the base filter, not a
    // `where` on join fields in the URL (which the list view cannot render)
    const baseFilter = images.admin.baseFilter!
    const args = (query: Record<string, unknown>) =>
      ({ limit: 10, page: 1, sort: '', req: { query } }) as never
    const where = await baseFilter(args({ unused: '1' }))
    expect(where).toBeTruthy()
    const filtered = await ctx.payload.find({ collection: 'images', where: where!, limit: 100 })
    expect(filtered.docs.map((d) => d.id)).toContain(unused.id)
    expect(filtered.docs.map((d) => d.id)).not.toContain(used.id)
    expect(await baseFilter(args({}))).toBeNull()

    // and nobody but staff may filter on them
    const probe = await client.get(`/images?depth=0&${UNUSED_IMAGES_QUERY}`)
    expect(probe.status).toBe(400)
  })
})
