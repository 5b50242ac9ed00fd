import path from 'node:path'
import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

import { importDocuments } from '../seed/import'
import { articlePageGET } from '../src/features/site/handlers'
import { syndicationOptionsOf } from '../src/features/syndication/config'
import { publicUrl } from '../src/server/publicUrl'
import { api } from './helpers/api'
import { createImage } from './helpers/fixtures'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'
import { fetchPath, firstPublishedHoursAgo, locsOf, story } from './syndication/fixtures'

// Syndication (docs/syndication.md) through its route handlers and endpoints on real Payload:
// which articles each locale's sitemaps, news sitemaps, feeds and ninjs carry, and that they agree
// with the reader pages. The external validators (xmllint, feedparser) run in
// `npm run test:syndication` (tests/syndication/).

const SEED_SLUG = 'north-koreas-kim-congratulates-lao-president-on-reelection'
let ctx: TestContext
const ids: Record<string, string> = {}
const origin = publicUrl()
const get = (p: string, headers?: Record<string, string>) => fetchPath(ctx.config, p, headers)
const month = new Date().toISOString().slice(0, 7)

beforeAll(async () => {
  ctx = await bootPayload()
  const summary = await importDocuments(ctx.payload, [path.resolve('seed/documents')])
  expect(summary.failed).toEqual([])
  const hero = await createImage(ctx.payload, 'Hero <&> image', true)
  ids.deOnly = await story(ctx.payload, 'Nur Deutsch', ['de'], { draftIn: 'en' })
  ids.enOnly = await story(ctx.payload, 'English only', ['en'], { draftIn: 'de' })
  ids.both = await story(ctx.payload, 'Both <b>&</b> "quoted"', ['en', 'de'], {
    ai: true,
    heroImage: hero.id,
  })
  // An article stored with an empty slug (automatic slugs were empty for titles without Latin
  // letters before they got a fallback), written around the hooks as such a row is.
  ids.noSlug = await story(ctx.payload, 'Stored without slug', ['en', 'de'])
  await ctx.payload.db.updateOne({
    collection: 'articles',
    id: ids.noSlug,
    data: { slug: '' },
    returning: false,
  })
})
afterAll(() => shutdown(ctx))

const itemsOf = (rss: string) => [...rss.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!)
const titlesOf = (rss: string) => itemsOf(rss).map((i) => /<title>([^<]*)<\/title>/.exec(i)![1]!)

describe('reader pages', () => {
  const page = async (locale: string, slug: string) => {
    const res = await articlePageGET(ctx.config)(
      new Request(`http://localhost/${locale}/articles/${slug}`),
      { params: Promise.resolve({ locale, slug }) },
    )
    return res.text()
  }
  const hreflangs = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<link rel="alternate" hrefLang="([^"]+)" href="([^"]+)"/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    )
  const canonical = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1]

  test('hreflang only for published locales; x-default the default locale, else the first published', async () => {
    const slugOf = async (id: string) =>
      (await ctx.payload.findByID({ collection: 'articles', id, depth: 0 })).slug!
    const both = await slugOf(ids.both!)
    expect(hreflangs(await page('de', both))).toEqual({
      en: `${origin}/en/articles/${both}`,
      de: `${origin}/de/articles/${both}`,
      'x-default': `${origin}/en/articles/${both}`,
    })
    const de = await slugOf(ids.deOnly!)
    const deHtml = await page('de', de)
    expect(hreflangs(deHtml)).toEqual({
      de: `${origin}/de/articles/${de}`,
      'x-default': `${origin}/de/articles/${de}`,
    })
    expect(canonical(deHtml)).toBe(`${origin}/de/articles/${de}`)
    // The English URL shows the German text (fallback): canonical to the published original.
    const fallback = await page('en', de)
    expect(canonical(fallback)).toBe(`${origin}/de/articles/${de}`)
    expect(hreflangs(fallback)).toEqual(hreflangs(deHtml))
    expect(fallback).not.toContain('DRAFT')
    // The seed article is English only.
    expect(Object.keys(hreflangs(await page('en', SEED_SLUG)))).toEqual(['en', 'x-default'])
  })

  test("the page's feeds are linked from <head>", async () => {
    const html = await page('de', SEED_SLUG)
    for (const [type, href] of [
      ['application/rss+xml', '/de/feed.xml'],
      ['application/atom+xml', '/de/feed.atom'],
      ['application/feed+json', '/de/feed.json'],
    ])
      expect(html).toMatch(
        new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}" href="${href}"`),
      )
  })
})

describe('sitemaps', () => {
  test('the index lists each locale’s news sitemap and its months', async () => {
    const res = await get('/sitemap.xml')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    const locs = locsOf(res.body)
    expect(locs).toEqual(
      expect.arrayContaining([
        '/news-sitemap-en.xml',
        '/news-sitemap-de.xml',
        `/sitemaps/de-${month}.xml`,
        `/sitemaps/en-${month}.xml`,
      ]),
    )
    for (const loc of locs) expect((await get(loc)).status).toBe(200)
  })

  test('one <url> per published locale; hreflang reciprocal, itself and x-default included', async () => {
    const urls = new Map<string, Record<string, string>>()
    for (const loc of locsOf((await get('/sitemap.xml')).body).filter((l) => !l.includes('news'))) {
      const xml = (await get(loc)).body
      for (const [, body] of xml.matchAll(/<url>([\s\S]*?)<\/url>/g)) {
        const own = /<loc>([^<]*)<\/loc>/.exec(body!)![1]!
        const links = Object.fromEntries(
          [...body!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map(
            (m) => [m[1]!, m[2]!],
          ),
        )
        expect(Object.values(links)).toContain(own)
        expect(links['x-default']).toBeDefined()
        expect(urls.has(own)).toBe(false)
        urls.set(own, links)
      }
    }
    for (const [own, links] of urls)
      for (const [lang, href] of Object.entries(links)) {
        if (lang === 'x-default') continue
        // Every alternate is itself listed, with the same set of alternates.
        expect(urls.get(href)).toEqual(links)
        expect(href).toContain(`/${lang}/articles/`)
        void own
      }
    const all = [...urls.keys()]
    expect(all.filter((u) => u.includes('nur-deutsch'))).toEqual([
      expect.stringContaining('/de/articles/nur-deutsch'),
    ])
    expect(all.filter((u) => u.includes(SEED_SLUG))).toEqual([`${origin}/en/articles/${SEED_SLUG}`])
  })

  test('a month with more URLs than one file holds goes on in numbered files, none left out', async () => {
    const monthLocs = async () =>
      locsOf((await get('/sitemap.xml')).body).filter((l) => l.startsWith(`/sitemaps/de-${month}`))
    const urlsOf = async (locs: string[]) => {
      const all: string[] = []
      for (const loc of locs) {
        const res = await get(loc)
        expect(res.status).toBe(200)
        all.push(...[...res.body.matchAll(/<url><loc>([^<]*)<\/loc>/g)].map((m) => m[1]!))
      }
      return all
    }
    const whole = await urlsOf(await monthLocs())
    expect(whole.length).toBeGreaterThanOrEqual(2)
    const options = syndicationOptionsOf(ctx.config)
    const max = options.sitemapMaxUrls
    options.sitemapMaxUrls = 1
    try {
      const locs = await monthLocs()
      const files = whole.length
      expect(locs).toEqual(
        Array.from({ length: files }, (_, i) =>
          i ? `/sitemaps/de-${month}-${i + 1}.xml` : `/sitemaps/de-${month}.xml`,
        ),
      )
      const split = await urlsOf(locs)
      expect(split).toEqual(whole)
      expect((await get(`/sitemaps/de-${month}-${files + 1}.xml`)).status).toBe(404)
    } finally {
      options.sitemapMaxUrls = max
    }
  })

  test('a file name that is not one of ours is a 404', async () => {
    for (const file of [
      'fr-2026-12.xml',
      'de-2026-13.xml',
      'news-de-1.xml',
      `de-${month}-1.xml`,
      `de-${month}-0.xml`,
      'de-1999-01.xml',
      'de-2026-12.xml.gz',
      '..%2Fx',
    ])
      expect((await get(`/sitemaps/${file}`)).status).toBe(404)
  })
})

describe('news sitemaps', () => {
  test('first publication in the last 48 h: 47 h in, 49 h out; name, language, W3C date, title', async () => {
    const fresh = await story(ctx.payload, 'Fresh news', ['de'])
    const stale = await story(ctx.payload, 'Stale news', ['de'])
    await firstPublishedHoursAgo(ctx.payload, fresh, 'de', 47)
    await firstPublishedHoursAgo(ctx.payload, stale, 'de', 49)
    const xml = (await get('/news-sitemap-de.xml')).body
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
    expect(xml).toContain('<news:title>Fresh news de</news:title>')
    expect(xml).not.toContain('Stale news')
    expect(xml).toContain('<news:name>AI Newsroom</news:name><news:language>de</news:language>')
    expect(xml).not.toContain('English only')
    for (const [, date] of xml.matchAll(/<news:publication_date>([^<]+)</g))
      expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    expect((await get('/news-sitemap-en.xml')).body).not.toContain('Fresh news')
  })
})

describe('feeds', () => {
  test('RSS, Atom and JSON Feed of a locale: its published items only, no fallback, no draft', async () => {
    const rss = await get('/de/feed.xml')
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    const titles = titlesOf(rss.body)
    expect(titles).toContain('Nur Deutsch de')
    expect(titles).toContain('Both &lt;b&gt;&amp;&lt;/b&gt; "quoted" de')
    expect(titles.join()).not.toMatch(/English only|DRAFT| en$/)
    expect(rss.body).not.toContain('Kim') // the seed article is English only
    expect(rss.body).toContain('<language>de-DE</language>')
    expect(rss.body).toContain(
      `<atom:link href="${origin}/de/feed.xml" rel="self" type="application/rss+xml"/>`,
    )
    const atomFeed = await get('/en/feed.atom')
    expect(atomFeed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    expect(atomFeed.body).toContain('xml:lang="en-GB"')
    expect(atomFeed.body).toContain('<author><name>AI Newsroom</name></author>')
    expect(atomFeed.body).not.toContain('Nur Deutsch')
    const json = await get('/en/feed.json')
    expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    const feed = JSON.parse(json.body)
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.language).toBe('en-GB')
    expect(feed.items.map((i: { title: string }) => i.title)).toContain('English only en')
    expect(JSON.stringify(feed)).not.toContain('DRAFT')
  })

  test("each locale's AI labels, the IPTC digital source type, the public hero image", async () => {
    const de = itemsOf((await get('/de/feed.xml')).body).find((i) => i.includes('Both'))!
    expect(de).toContain('<category domain="urn:newsroom:ai-label">Von KI berichtet</category>')
    expect(de).toContain('trainedAlgorithmicMedia')
    expect(de).toMatch(
      /<enclosure url="[^"]+\/api\/images\/file\/[^"]+" length="\d+" type="image\/[a-z]+"\/>/,
    )
    const en = JSON.parse((await get('/en/feed.json')).body).items.find((i: { title: string }) =>
      i.title.startsWith('Both'),
    )
    expect(en.tags).toContain('Reported by AI')
    expect(en._ai_disclosure.digital_source_type).toBe(
      'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
    )
    // Never the original upload: only a resized copy (src/features/images/publicImage.ts).
    const hero = await ctx.payload.findByID({
      collection: 'images',
      id: (await ctx.payload.findByID({ collection: 'articles', id: ids.both!, depth: 0 }))
        .heroImage as string,
      depth: 0,
    })
    expect(en.image).not.toContain(`/${hero.filename}`)
    const human = itemsOf((await get('/de/feed.xml')).body).find((i) => i.includes('Nur Deutsch'))!
    expect(human).not.toContain('ai-label')
  })

  test('a locale unpublished is gone from its feeds and sitemaps at once; the other stays', async () => {
    const id = await story(ctx.payload, 'Short lived', ['en', 'de'])
    expect((await get('/de/feed.xml')).body).toContain('Short lived de')
    await ctx.payload.update({
      collection: 'articles',
      id,
      locale: 'de',
      data: { _status: 'draft' },
    })
    for (const p of [
      '/de/feed.xml',
      '/de/feed.atom',
      '/de/feed.json',
      '/news-sitemap-de.xml',
      `/sitemaps/de-${month}.xml`,
    ])
      expect((await get(p)).body).not.toContain('short-lived')
    expect((await get('/en/feed.xml')).body).toContain('Short lived en')
    const en = (await get(`/sitemaps/en-${month}.xml`)).body
    const url = /<url>(?:(?!<\/url>)[\s\S])*short-lived[\s\S]*?<\/url>/.exec(en)![0]
    expect(url).not.toContain('hreflang="de"')
  })

  test('entry ids: one per article and language, kept when the slug changes', async () => {
    const id = await story(ctx.payload, 'Renamed later', ['en', 'de'])
    const idsIn = async () => {
      const rss = itemsOf((await get('/en/feed.xml')).body).find((i) =>
        i.includes('Renamed later'),
      )!
      const atom = /<entry>(?:(?!<\/entry>)[\s\S])*Renamed later[\s\S]*?<\/entry>/.exec(
        (await get('/en/feed.atom')).body,
      )![0]
      const json = JSON.parse((await get('/en/feed.json')).body).items.find(
        (i: { title: string }) => i.title.startsWith('Renamed later'),
      )
      const de = JSON.parse((await get('/de/feed.json')).body).items.find((i: { title: string }) =>
        i.title.startsWith('Renamed later'),
      )
      return {
        rss: /<guid isPermaLink="false">([^<]+)<\/guid>/.exec(rss)![1],
        atom: /<id>([^<]+)<\/id>/.exec(atom)![1],
        json: json.id as string,
        de: de.id as string,
        link: json.url as string,
      }
    }
    const before = await idsIn()
    expect(before.rss).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(before.atom).toBe(before.rss)
    expect(before.json).toBe(before.rss)
    expect(before.de).not.toBe(before.rss)
    await ctx.payload.update({ collection: 'articles', id, data: { slug: 'renamed-for-good' } })
    const after = await idsIn()
    expect(after.link).toMatch(/\/en\/articles\/renamed-for-good$/)
    expect(after.link).not.toBe(before.link)
    expect({ ...after, link: '' }).toEqual({ ...before, link: '' })
  })

  test('ETag and 304', async () => {
    const first = await get('/en/feed.atom')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"/)
    const again = await get('/en/feed.atom', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(first.headers.get('surrogate-key')).toContain('articles')
  })

  test('a scheduled publish appears at the run', async () => {
    process.env.SCHEDULE_MIN_LEAD_SECONDS = '1'
    const id = await story(ctx.payload, 'Scheduled story', ['en'], { draftIn: 'de' })
    const editor = await loginAs(ctx.payload, 'sched-editor@site.test', ['editor'])
    const at = new Date(Date.now() + 2000)
    const res = await api(ctx.config).post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'publish', locale: 'de', at: at.toISOString() },
    })
    expect(res.status).toBe(201)
    expect((await get('/de/feed.xml')).body).not.toContain('Scheduled story')
    await new Promise((r) => setTimeout(r, at.getTime() - Date.now() + 200))
    await ctx.payload.jobs.run({ queue: 'default' })
    expect((await get('/de/feed.xml')).body).toContain('Scheduled story de DRAFT')
    expect((await get('/news-sitemap-de.xml')).body).toContain('Scheduled story de DRAFT')
    delete process.env.SCHEDULE_MIN_LEAD_SECONDS
  })
})

describe('no URL ends in /articles/', () => {
  test('an article with an empty slug is linked by its id in sitemaps, news sitemaps and feeds', async () => {
    const files = locsOf((await get('/sitemap.xml')).body)
    const bodies: Record<string, string> = {}
    for (const file of [...files, '/en/feed.xml', '/de/feed.atom', '/en/feed.json'])
      bodies[file] = (await get(file)).body
    for (const [file, body] of Object.entries(bodies)) {
      expect({ file, empty: /\/articles\/(?=["<\s&])/.test(body) }).toEqual({ file, empty: false })
    }
    const all = Object.values(bodies).join()
    for (const l of ['en', 'de']) expect(all).toContain(`${origin}/${l}/articles/${ids.noSlug}`)
  })
})

describe('ninjs', () => {
  const schemaDir = path.resolve('tests/syndication/schemas')
  const load = (f: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, f), 'utf8'))
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema(load('GeoJSON.json'))
  const validate = ajv.compile(load('ninjs-schema_3.1.json'))

  test('an item per locale, valid against the IPTC ninjs 3.1 schema; unpublished locale is a 404', async () => {
    const de = await api(ctx.config).get(`/ninjs/articles/${ids.both}?locale=de`)
    expect(de.status).toBe(200)
    expect(validate(de.body)).toBe(true)
    // Payload adds the tags itself: once (a doubled header made the response cache refuse it)
    expect(de.headers.get('surrogate-key')).toMatch(/^[^,]+$/)
    expect(de.body.language).toBe('de-DE')
    expect(de.body.headlines).toEqual([{ value: 'Both <b>&</b> "quoted" de' }])
    expect(de.body.digitalSourceType.uri).toContain('trainedAlgorithmicMedia')
    expect(de.body.associations[0].type).toBe('picture')
    expect(de.body.associations[0].digitalSourceType.uri).toContain('trainedAlgorithmicMedia')
    expect((await api(ctx.config).get(`/ninjs/articles/${ids.enOnly}?locale=de`)).status).toBe(404)
    expect((await api(ctx.config).get(`/ninjs/articles/${ids.enOnly}`)).status).toBe(400)
    const feed = await api(ctx.config).get('/ninjs/feed?locale=en')
    expect(feed.status).toBe(200)
    expect(feed.body.items.length).toBeGreaterThan(1)
    for (const item of feed.body.items)
      expect([item.uri, validate(item), validate.errors]).toEqual([item.uri, true, null])
  })
})
