import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

import { importDocuments } from '../../seed/import'
import { createImage } from '../helpers/fixtures'
import { bootPayload, shutdown, type TestContext } from '../helpers/payload'
import { fetchPath, firstPublishedHoursAgo, locsOf, story } from './fixtures'

// `npm run test:syndication` (Debian's libxml2-utils and python3-feedparser): every syndication
// answer read by a real consumer, offline. Sitemaps and the index against the sitemaps.org XSDs
// (xhtml:link against W3C's XHTML 1.0 Strict schema and xml.xsd), news sitemaps against
// news-rules.xsd (ours: Google's XSD may not be copied), RSS and Atom with feedparser (what
// aggregators use), JSON Feed 1.1 against SchemaStore's feed.json, ninjs against IPTC's 3.1 schema
// (schemas/README.md names each file's source and licence).

const SCHEMAS = path.resolve('tests/syndication/schemas')
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'syndication-'))
let ctx: TestContext

beforeAll(async () => {
  ctx = await bootPayload()
  expect((await importDocuments(ctx.payload, [path.resolve('seed/documents')])).failed).toEqual([])
  const hero = await createImage(ctx.payload, 'Hero <&> image', true)
  await story(ctx.payload, 'Nur Deutsch', ['de'], { draftIn: 'en' })
  await story(ctx.payload, 'English only', ['en'])
  await story(ctx.payload, `Both <b>&</b> "quoted" ]]> 'x'`, ['en', 'de'], {
    ai: true,
    heroImage: hero.id,
  })
  const old = await story(ctx.payload, 'Old story', ['en', 'de'])
  await firstPublishedHoursAgo(ctx.payload, old, 'de', 24 * 40)
  await firstPublishedHoursAgo(ctx.payload, old, 'en', 24 * 40)
  // 1,001 German first publications within 48 hours: two news files.
  for (let i = 0; i < 1001; i++) await story(ctx.payload, `Bulk ${i}`, ['de'])
}, 600_000)
afterAll(async () => {
  await shutdown(ctx)
  fs.rmSync(out, { recursive: true, force: true })
})

/** Fetches a path, checks status and type, writes the body to a file; returns file and body. */
async function save(p: string, type: string) {
  const res = await fetchPath(ctx.config, p)
  expect([p, res.status]).toEqual([p, 200])
  expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`)
  const file = path.join(out, p.replace(/\W+/g, '_'))
  fs.writeFileSync(file, res.body)
  return { file, body: res.body }
}

const xmllint = (schema: string, file: string) =>
  execFileSync('xmllint', ['--nonet', '--noout', '--schema', path.join(SCHEMAS, schema), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })

const FEEDPARSER = `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": d.bozo, "error": str(d.get("bozo_exception", "")), "version": d.version,
  "language": d.feed.get("language"), "title": d.feed.get("title"),
  "author": d.feed.get("author"),
  "entries": [{"id": e.get("id"), "link": e.get("link"), "title": e.get("title"),
               "published": e.get("published_parsed") is not None,
               "tags": [t.get("term") for t in e.get("tags", [])],
               "labels": [t.get("label") for t in e.get("tags", [])],
               "enclosures": [x.get("href") for x in e.get("enclosures", [])]} for e in d.entries]
}))
`
const feedparser = (file: string) =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', FEEDPARSER, file], { encoding: 'utf8' }))

describe('sitemaps: xmllint --schema (sitemaps.org, W3C XHTML, news rules)', () => {
  test('the index and every sitemap it lists are valid; two German news files', async () => {
    const index = await save('/sitemap.xml', 'application/xml')
    xmllint('siteindex.xsd', index.file)
    const locs = locsOf(index.body)
    expect(locs).toEqual(
      expect.arrayContaining(['/news-sitemap-de.xml', '/sitemaps/news-de-2.xml']),
    )
    expect(locs).not.toContain('/sitemaps/news-de-3.xml')
    expect(locs).not.toContain('/sitemaps/news-en-2.xml')
    for (const loc of locs) {
      const { file, body } = await save(loc, 'application/xml')
      if (loc.includes('news')) {
        xmllint('urlset-news.xsd', file)
        const n = (body.match(/<news:news>/g) ?? []).length
        expect(n).toBeLessThanOrEqual(1000)
        if (loc === '/news-sitemap-de.xml') expect(n).toBe(1000)
        if (loc === '/sitemaps/news-de-2.xml') expect(n).toBeGreaterThanOrEqual(2)
        expect(body).not.toContain('Old story')
      } else xmllint('urlset-xhtml.xsd', file)
    }
  })

  test('a schema violation is caught (the validator can fail)', () => {
    const bad = path.join(out, 'bad.xml')
    fs.writeFileSync(
      bad,
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>http://x.example/a</loc><xhtml:link rel="alternate" hreflang="not a tag" href="x"/></url></urlset>',
    )
    expect(() => xmllint('urlset-xhtml.xsd', bad)).toThrow()
  })
})

describe('RSS and Atom: feedparser', () => {
  test.each(['de', 'en'])(
    '%s: RSS 2.0 and Atom parse cleanly with language, ids, dates',
    async (locale) => {
      const rss = feedparser((await save(`/${locale}/feed.xml`, 'application/rss+xml')).file)
      expect([rss.bozo, rss.error, rss.version]).toEqual([false, '', 'rss20'])
      expect(rss.language).toBe(locale === 'de' ? 'de-DE' : 'en-GB')
      const atom = feedparser((await save(`/${locale}/feed.atom`, 'application/atom+xml')).file)
      expect([atom.bozo, atom.error, atom.version]).toEqual([false, '', 'atom10'])
      expect(atom.author).toBe('AI Newsroom')
      for (const parsed of [rss, atom]) {
        // German: 1,000 and more (the newest 50); English: the seed, three stories
        expect(parsed.entries).toHaveLength(locale === 'de' ? 50 : 4)
        for (const entry of parsed.entries) {
          expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
          expect(entry.link).toMatch(new RegExp(`/${locale}/articles/`))
          expect(entry.published).toBe(true)
          expect(entry.title).not.toMatch(locale === 'de' ? / en$/ : / de$/)
        }
      }
    },
  )

  test('titles with markup characters survive; the AI labels are categories', async () => {
    // the newest 50 German items are bulk ones; the English feed has the labelled story
    const atom = feedparser((await save('/en/feed.atom', 'application/atom+xml')).file)
    const both = atom.entries.find((e: { title: string }) => e.title.startsWith('Both'))
    expect(both.title).toBe(`Both <b>&</b> "quoted" ]]> 'x' en`)
    expect(both.labels).toContain('Reported by AI')
    expect(both.tags).toContain(
      'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
    )
  })
})

describe('JSON Feed 1.1 (SchemaStore feed.json) and ninjs 3.1 (IPTC)', () => {
  const load = (f: string) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, f), 'utf8'))
    // Draft-04 files (`id`, `$schema`): the keywords they use read the same in ajv's default draft.
    delete schema.$schema
    schema.$id = schema.id
    delete schema.id
    return schema
  }

  test.each(['de', 'en'])('%s JSON Feed is valid', async (locale) => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema(load('feed-1.json'))
    const validate = ajv.compile(load('feed.json'))
    const feed = JSON.parse((await save(`/${locale}/feed.json`, 'application/feed+json')).body)
    expect([validate(feed), validate.errors]).toEqual([true, null])
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
  })

  test.each(['de', 'en'])('%s ninjs feed: every item valid', async (locale) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'GeoJSON.json'), 'utf8')))
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'ninjs-schema_3.1.json'), 'utf8')),
    )
    const res = await fetchPath(ctx.config, `/api/ninjs/feed?locale=${locale}`)
    const body = JSON.parse(res.body)
    expect(body.items).toHaveLength(locale === 'de' ? 50 : 4)
    for (const item of body.items) expect([validate(item), validate.errors]).toEqual([true, null])
  })
})
