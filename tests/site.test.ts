import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { importDocuments } from '../seed/import'
import { articlePageGET, consentFormPOST, teaserPreviewGET } from '../src/features/site/handlers'
import { publicUrl } from '../src/server/publicUrl'
import { api } from './helpers/api'
import { changeLabels } from './helpers/locales'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

// The reader pages through their Next route handlers with web Requests (no server), on the seed
// document plus articles made here.

const SEED_SLUG = 'north-koreas-kim-congratulates-lao-president-on-reelection'
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVR4nGPo6OgAAAM0AZnBrMCxAAAAAElFTkSuQmCC',
  'base64',
)

let ctx: TestContext
let editorToken: string

type Page = { status: number; html: string; headers: Headers }

async function page(
  locale: string,
  slug: string,
  opts: { query?: string; headers?: Record<string, string> } = {},
): Promise<Page> {
  const request = new Request(`http://localhost/${locale}/articles/${slug}${opts.query ?? ''}`, {
    headers: opts.headers,
  })
  const res = await articlePageGET(ctx.config)(request, {
    params: Promise.resolve({ locale, slug }),
  })
  return { status: res.status, html: await res.text(), headers: res.headers }
}

const count = (html: string, pattern: RegExp) => (html.match(new RegExp(pattern, 'g')) ?? []).length
const jsonLdOf = (html: string) =>
  JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!)
const bannerHidden = (html: string) => /<section id="consent"[^>]* hidden=""/.test(html)

async function image(alt: string, aiGenerated: boolean) {
  return ctx.payload.create({
    collection: 'images',
    data: { alt, aiGenerated },
    file: {
      data: PNG,
      mimetype: 'image/png',
      name: `${alt.replace(/\W+/g, '-')}.png`,
      size: PNG.length,
    },
    locale: 'en',
  })
}

beforeAll(async () => {
  ctx = await bootPayload()
  const summary = await importDocuments(ctx.payload, [path.resolve('seed/documents')])
  expect(summary.failed).toEqual([])
  editorToken = await loginAs(ctx.payload, 'editor@site.test', ['editor'])
})
afterAll(() => shutdown(ctx))

/** An English article published with `data`, then a draft titled `draftTitle` saved in `locale`. */
async function publishedWithDraft(
  data: { title: string; summary?: string },
  locale: 'en' | 'de',
  draftTitle: string,
) {
  const story = await ctx.payload.create({
    collection: 'articles',
    data: { ...data, _status: 'published' },
    locale: 'en',
  })
  await ctx.payload.update({
    collection: 'articles',
    id: story.id,
    data: { title: draftTitle, _status: 'draft' },
    locale,
    draft: true,
  })
  return story
}

describe('reader article page', () => {
  test('the seed page in German: both badges, seven teasers, the banner, labels from the Locale documents', async () => {
    const { status, html, headers } = await page('de', SEED_SLUG)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(html).toMatch(/^<!DOCTYPE html><html lang="de"/)
    // the English texts shown for want of German carry their language, unmarked for readers
    expect(html).toContain(
      '<h1 lang="en">North Korea&#x27;s Kim congratulates Lao president on reelection</h1>',
    )
    expect(html).toContain('<p class="lead" lang="en">North Korean leader')
    expect(html).toContain('<div class="body" lang="en"><p>North Korean leader Kim Jong-un sent')
    expect(html).toContain('<p class="teaser-summary" lang="en">This week, North Korea reported')
    expect(html).toContain('<p class="teaser-summary">Der Außenminister von Laos')
    expect(html).not.toContain('fallback')
    expect(html).toContain('Bild generiert von KI')
    expect(html).toContain('Von KI berichtet')
    expect(html).toContain('<h2 id="related-heading">Verwandte Artikel</h2>')
    expect(count(html, /<article class="teaser"/)).toBe(7)
    expect(html).toContain('Diese Website verwendet Cookies')
    expect(html).toContain('>Ablehnen</button>')
    expect(bannerHidden(html)).toBe(false)
    expect(html).toContain(
      `<link rel="alternate" hrefLang="en" href="${publicUrl()}/en/articles/${SEED_SLUG}"/>`,
    )
    expect(html).toContain('<link rel="alternate" hrefLang="x-default"')
    expect(html).toContain(
      `<a href="/en/articles/${SEED_SLUG}" hrefLang="en" lang="en">English</a>`,
    )
    // the body through the Lexical renderer
    // no framework runtime: the consent script is the only script with a src
    expect(count(html, /<script [^>]*src=/)).toBe(1)
    expect(html).not.toContain('live-preview')

    // cache headers: every document shown is tagged
    expect(headers.get('cache-control')).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
    )
    const tags = headers.get('surrogate-key')!.split(' ')
    const article = (
      await ctx.payload.find({
        collection: 'articles',
        where: { slug: { equals: SEED_SLUG } },
        depth: 0,
      })
    ).docs[0]!
    expect(tags).toContain(`articles:${article.id}`)
    // found by its unique slug: a save of another article does not purge this page
    expect(tags).not.toContain('articles')
    expect(tags).toContain(`images:${article.heroImage}`)
    for (const id of article.relatedArticles as string[])
      expect(tags).toContain(`related-articles:${id}`)
    expect(tags).toEqual(expect.arrayContaining(['locales', 'global:consent']))
  })

  test('the English page of the same article has the English labels', async () => {
    // absolute links name the public URL; no Host or X-Forwarded-* header can put another site into a page
    const { status, html } = await page('en', SEED_SLUG, {
      headers: {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https://evil.example/?',
      },
    })
    expect(html).toContain(`<link rel="canonical" href="${publicUrl()}/en/articles/${SEED_SLUG}"/>`)
    expect(html).not.toContain('evil.example')
    expect(status).toBe(200)
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en"/)
    expect(html).toContain('<h2 id="related-heading">Related articles</h2>')
    expect(html).toContain('Image generated by AI')
    expect(html).toContain('Reported by AI')
    expect(html).not.toContain('Verwandte Artikel')
    expect(html).toContain('This website uses cookies')
    expect(html).toContain(
      '<a href="/de/articles/' + SEED_SLUG + '" hrefLang="de" lang="de">Deutsch</a>',
    )
  })

  test('404 for unknown slugs, unknown locales and drafts; published text while a draft is pending', async () => {
    expect((await page('de', '%E0%A4%A')).status).toBe(404)
    const unknown = await page('de', 'no-such-article')
    expect(unknown.status).toBe(404)
    expect(unknown.html).toContain('Seite nicht gefunden')
    expect(unknown.headers.get('surrogate-key')).toContain('articles')
    expect((await page('fr', SEED_SLUG)).status).toBe(404)

    await ctx.payload.create({
      collection: 'articles',
      data: { title: 'Secret draft story', _status: 'draft' },
      locale: 'en',
    })
    const draft = await page('en', 'secret-draft-story')
    expect(draft.status).toBe(404)
    expect(draft.html).not.toContain('Secret draft story')

    await publishedWithDraft({ title: 'Public story' }, 'en', 'Unpublished change')
    const shown = await page('en', 'public-story')
    expect(shown.status).toBe(200)
    expect(shown.html).toContain('<h1>Public story</h1>')
    expect(shown.html).not.toContain('Unpublished change')

    // an editor's cookie or token does not turn the public URL into a draft preview
    const asEditor = await page('en', 'secret-draft-story', {
      headers: { authorization: `JWT ${editorToken}` },
    })
    expect(asEditor.status).toBe(404)
  })

  test('badges exactly when the data says so; JSON-LD is valid and carries digitalSourceType on AI content', async () => {
    const plain = await image('A photo', false)
    const made = await image('A generated picture', true)
    await ctx.payload.create({
      collection: 'articles',
      data: { title: 'Human story', heroImage: plain.id, _status: 'published' },
      locale: 'en',
    })
    await ctx.payload.create({
      collection: 'articles',
      data: {
        title: 'Machine story',
        heroImage: made.id,
        aiDisclosure: { origin: 'ai-generated' },
        _status: 'published',
      },
      locale: 'en',
    })

    const human = await page('en', 'human-story')
    expect(human.status).toBe(200)
    expect(human.html).not.toContain('data-badge=')
    const humanLd = jsonLdOf(human.html)
    expect(humanLd['@type']).toBe('NewsArticle')
    expect(humanLd.digitalSourceType).toBeUndefined()
    expect(humanLd.image[0].digitalSourceType).toBeUndefined()
    expect(humanLd.url).toBe(`${publicUrl()}/en/articles/human-story`)

    // a teaser linking to an unpublished article: no link yet, but the page is tagged with it
    const later = await ctx.payload.create({
      collection: 'articles',
      data: { title: 'Coming later', _status: 'draft' },
      locale: 'en',
    })
    const teaser = await ctx.payload.create({
      collection: 'related-articles',
      data: { summary: 'A story to come', article: later.id },
      locale: 'en',
    })
    await ctx.payload.create({
      collection: 'articles',
      data: { title: 'Teaser host', relatedArticles: [teaser.id], _status: 'published' },
      locale: 'en',
    })
    const host = await page('en', 'teaser-host')
    expect(host.html).toContain('<p class="teaser-summary">A story to come</p>')
    expect(host.headers.get('surrogate-key')!.split(' ')).toEqual(
      expect.arrayContaining([`related-articles:${teaser.id}`, `articles:${later.id}`]),
    )
    await ctx.payload.update({
      collection: 'articles',
      id: later.id,
      data: { _status: 'published' },
    })
    expect((await page('en', 'teaser-host')).html).toContain(
      '<p class="teaser-summary"><a href="/en/articles/coming-later">A story to come</a></p>',
    )

    const machine = await page('de', 'machine-story')
    expect(count(machine.html, /data-badge="ai-image"/)).toBe(1)
    expect(count(machine.html, /data-badge="reported-by-ai"/)).toBe(1)
    expect(machine.html).toContain('>Bild generiert von KI</span>')
    expect(machine.html).toContain('>Von KI berichtet</span>')
    const machineLd = jsonLdOf(machine.html)
    // the German page shows the English text (fallback): its language and its label
    expect(machineLd.inLanguage).toBe('en')
    expect(machineLd.digitalSourceType).toBe(
      'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
    )
    expect(machineLd.image[0].digitalSourceType).toBe(
      'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
    )
  })

  test('Locale labels changed by an editor show on the page', async () => {
    const restore = await changeLabels(ctx.payload, 'de', { relatedHeading: 'Mehr zum Thema' })
    try {
      const { html } = await page('de', SEED_SLUG)
      expect(html).toContain('<h2 id="related-heading">Mehr zum Thema</h2>')
      expect((await page('en', SEED_SLUG)).html).toContain(
        '<h2 id="related-heading">Related articles</h2>',
      )
    } finally {
      await restore()
    }
  })

  test('preview: drafts and fallback marks for users with draft access only', async () => {
    await publishedWithDraft(
      { title: 'Preview story', summary: 'English lead' },
      'de',
      'Vorschau-Geschichte',
    )

    const anonymous = await page('de', 'preview-story', { query: '?preview=1' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.html).not.toContain('Vorschau-Geschichte')
    expect(anonymous.headers.get('cache-control')).toBe('private, no-store')

    const developer = await loginAs(ctx.payload, 'dev@site.test', ['developer'])
    expect(
      (
        await page('de', 'preview-story', {
          query: '?preview=1',
          headers: { authorization: `JWT ${developer}` },
        })
      ).status,
    ).toBe(401)

    const translator = await loginAs(ctx.payload, 'translator@site.test', ['translator'])
    const preview = await page('de', 'preview-story', {
      query: '?preview=1',
      headers: { cookie: `payload-token=${translator}`, 'sec-fetch-site': 'same-origin' },
    })
    expect(preview.status).toBe(200)
    expect(preview.headers.get('cache-control')).toBe('private, no-store')
    expect(preview.html).toContain('Vorschau-Geschichte')
    // the German title is the draft's own; the lead falls back to English and is marked
    expect(preview.html).not.toMatch(/data-fallback="title"/)
    expect(preview.html).toMatch(
      /<p class="lead fallback" lang="en" data-fallback="summary">English lead<span class="fallback-mark" lang="de">noch nicht übersetzt, angezeigt auf English<\/span><\/p>/,
    )
    expect(preview.html).toContain('<script src="/site/preview.js" defer="">')
    expect(preview.html).not.toContain('id="consent"')

    // the public page still shows the published title
    expect((await page('de', 'preview-story')).html).toContain('<h1 lang="en">Preview story</h1>')
  })

  test('live preview and the preview button point at the reader pages, as absolute URLs', async () => {
    // From PUBLIC_URL, never from the request's Host or X-Forwarded-* headers.
    const before = process.env.PUBLIC_URL
    process.env.PUBLIC_URL = 'https://news.example:8080'
    const req = {
      payload: ctx.payload,
      headers: new Headers({ host: 'evil.example', 'x-forwarded-proto': 'gopher' }),
    }
    const articles = ctx.config.collections.find((c) => c.slug === 'articles')!
    const teasers = ctx.config.collections.find((c) => c.slug === 'related-articles')!
    const url = ctx.config.admin.livePreview!.url as (
      args: Record<string, unknown>,
    ) => string | null
    expect(ctx.config.admin.livePreview!.collections).toEqual(
      expect.arrayContaining(['articles', 'related-articles']),
    )
    expect(
      url({ collectionConfig: articles, data: { slug: 'a-story' }, locale: { code: 'de' }, req }),
    ).toBe('https://news.example:8080/de/articles/a-story?preview=1')
    expect(
      url({ collectionConfig: teasers, data: { id: 'abc' }, locale: { code: 'en' }, req }),
    ).toBe('https://news.example:8080/en/preview/related-articles/abc')
    expect(url({ collectionConfig: articles, data: {}, locale: { code: 'de' }, req })).toBeNull()
    expect(
      await articles.admin.preview!(
        { slug: 'a-story' },
        { locale: 'en', req: req as never, token: null },
      ),
    ).toBe('https://news.example:8080/en/articles/a-story?preview=1')
    if (before === undefined) delete process.env.PUBLIC_URL
    else process.env.PUBLIC_URL = before
  })

  test('teaser preview card for staff only', async () => {
    const teaser = await ctx.payload.create({
      collection: 'related-articles',
      data: { summary: 'Nur auf Deutsch' },
      locale: 'de',
    })
    const get = (headers: Record<string, string> = {}) =>
      teaserPreviewGET(ctx.config)(
        new Request(`http://localhost/en/preview/related-articles/${teaser.id}`, { headers }),
        {
          params: Promise.resolve({ locale: 'en', id: teaser.id }),
        },
      )
    expect((await get()).status).toBe(401)
    const res = await get({ authorization: `JWT ${editorToken}` })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(
      /<p class="teaser-summary fallback" lang="de" data-fallback="summary">Nur auf Deutsch/,
    )
  })
})

describe('consent banner without JavaScript', () => {
  const post = (
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) => {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(fields))
      for (const v of [value].flat()) body.append(key, v)
    return consentFormPOST(ctx.config)(
      new Request('http://localhost/site/consent', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          host: 'localhost',
          'sec-fetch-site': 'same-origin', // what a browser sends for the site's own form
          ...headers,
        },
        body,
      }),
    )
  }

  test('"Ablehnen" records acceptType necessary, sets the cookie, redirects back; a revision bump asks again', async () => {
    const before = await ctx.payload.count({ collection: 'consent-records' })
    const returnTo = `/de/articles/${SEED_SLUG}`
    const res = await post(
      { acceptType: 'necessary', revision: '1', locale: 'de', return: returnTo },
      { 'x-forwarded-for': '203.0.113.7', origin: 'http://localhost' },
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(returnTo)
    const cookies = res.headers.getSetCookie()
    const consent = cookies.find((c) => c.startsWith('newsroom_consent='))!
    const match =
      /^newsroom_consent=1\.([0-9a-f-]{36})\.necessary; Path=\/; Max-Age=\d+; SameSite=Lax$/.exec(
        consent,
      )
    expect(match).not.toBeNull()
    expect(cookies).toContain(
      `newsroom_consent_categories=necessary; Path=/; Max-Age=${182 * 86400}; SameSite=Lax`,
    )

    expect(await ctx.payload.count({ collection: 'consent-records' })).toEqual({
      totalDocs: before.totalDocs + 1,
    })
    const { docs } = await ctx.payload.find({
      collection: 'consent-records',
      where: { consentId: { equals: match![1] } },
    })
    expect(docs[0]).toMatchObject({
      acceptType: 'necessary',
      revision: 1,
      locale: 'de',
      acceptedCategories: ['necessary'],
    })
    expect(docs[0]!.ipHash).toMatch(/^[0-9a-f]{64}$/)

    const cookie = `newsroom_consent=1.${match![1]}.necessary`
    expect(bannerHidden((await page('de', SEED_SLUG, { headers: { cookie } })).html)).toBe(true)
    // "settings" reopens it
    const settings = await page('de', SEED_SLUG, {
      query: '?consent=settings',
      headers: { cookie },
    })
    expect(bannerHidden(settings.html)).toBe(false)
    expect(settings.html).toContain('<details class="consent-settings" open="">')

    // revisions only go up; the next test reads the current one
    await ctx.payload.updateGlobal({ slug: 'consent', data: { revision: 2 } })
    const again = await page('de', SEED_SLUG, { headers: { cookie } })
    expect(bannerHidden(again.html)).toBe(false)
    expect(again.html).toContain('Wir haben unsere Cookie-Richtlinie geändert')
    // the old revision is refused, as over REST
    const stale = await post({ acceptType: 'all', revision: '1', locale: 'de', return: returnTo })
    expect(stale.status).toBe(400)
    expect(await stale.text()).toContain('current consent revision is 2')
  })

  test('custom choices keep the chosen categories; bad input is a clear 4xx; foreign sites are refused', async () => {
    const { revision } = await ctx.payload.findGlobal({ slug: 'consent' })
    const res = await post({
      acceptType: 'custom',
      revision: String(revision),
      locale: 'en',
      category: ['analytics'],
      return: '//evil.example/x',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    expect(res.headers.getSetCookie()).toContain(
      `newsroom_consent_categories=necessary.analytics; Path=/; Max-Age=${182 * 86400}; SameSite=Lax`,
    )

    const bad = await post({
      acceptType: 'everything',
      revision: String(revision),
      return: '/en/articles/x',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('acceptType must be one of')

    const foreign = await post(
      { acceptType: 'all', revision: String(revision) },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    )
    expect(foreign.status).toBe(403)
  })

  test('form posts and REST posts share one rate limit per client IP', async () => {
    const { revision } = await ctx.payload.findGlobal({ slug: 'consent' })
    const ip = { 'x-forwarded-for': '198.51.100.9, 10.0.0.1' }
    const rest = api(ctx.config)
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await rest.post('/consent-records', {
            body: { acceptType: 'necessary', revision },
            headers: ip,
          })
        ).status,
      ).toBe(201)
    }
    for (let i = 0; i < 5; i++) {
      expect(
        (await post({ acceptType: 'necessary', revision: String(revision), return: '/' }, ip))
          .status,
      ).toBe(303)
    }
    const limited = await post(
      { acceptType: 'necessary', revision: String(revision), return: '/' },
      ip,
    )
    expect(limited.status).toBe(429)
    expect(await limited.text()).toContain('Too many consent records')
    // another client is not affected
    expect(
      (
        await post(
          { acceptType: 'necessary', revision: String(revision), return: '/' },
          { 'x-forwarded-for': '198.51.100.10' },
        )
      ).status,
    ).toBe(303)
  })
})
