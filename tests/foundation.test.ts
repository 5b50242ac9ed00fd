import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { paragraphsToLexical } from '../src/utilities/richtext'
import { createImage } from './helpers/fixtures'
import { bootAs, type Booted } from './helpers/boot'
import { shutdown, type TestContext } from './helpers/payload'

let ctx: TestContext, client: Booted['client'], token: string
beforeAll(async () => {
  ;({ ctx, token, client } = await bootAs('admin@example.com'))
})
afterAll(() => shutdown(ctx))

describe('locales', () => {
  const postLocale = (code: string, name: string) =>
    client.post('/locales', {
      token,
      body: { code, name, labels: { relatedHeading: 'x', aiTextBadge: 'y', aiImageBadge: 'z' } },
    })

  test('both Locale documents exist after the first start, with their labels', async () => {
    const res = await client.get('/locales?sort=code')
    expect(res.status).toBe(200)
    const byCode = Object.fromEntries(res.body.docs.map((d: any) => [d.code, d]))
    expect(Object.keys(byCode).sort()).toEqual(['de', 'en'])
    expect(byCode.de.labels).toMatchObject({
      relatedHeading: 'Verwandte Artikel',
      aiTextBadge: 'Von KI berichtet',
      aiImageBadge: 'Bild generiert von KI',
    })
    expect(byCode.en.labels.aiTextBadge).toBe('Reported by AI')
    expect(typeof byCode.en.id).toBe('string')
  })

  test('a Locale with an unconfigured code is refused with a clear message', async () => {
    const res = await postLocale('fr', 'Français')
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('Locale code \\"fr\\" is not configured')
    expect((await ctx.payload.count({ collection: 'locales' })).totalDocs).toBe(2)
  })

  test('a second Locale with an existing code is a 400, not a 500', async () => {
    const res = await postLocale('de', 'Deutsch 2')
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('code')
  })

  test('a Locale that documents are written in is not deleted (409), nothing is removed', async () => {
    const article = await ctx.payload.create({
      collection: 'articles',
      data: { title: 'Written in English' },
      depth: 0,
    })
    const en = (
      await ctx.payload.find({ collection: 'locales', where: { code: { equals: 'en' } } })
    ).docs[0]
    expect(article.language).toBe(en.id)
    const res = await client.delete(`/locales/${en.id}`, { token })
    expect(res.status).toBe(409)
    expect(JSON.stringify(res.body)).toMatch(/This locale is the language of \d+ articles/)
    expect((await ctx.payload.count({ collection: 'locales' })).totalDocs).toBe(2)
    await ctx.payload.delete({ collection: 'articles', id: article.id })
  })
})

describe('articles in two languages', () => {
  let id: string

  beforeAll(async () => {
    const res = await client.post('/articles?locale=en', {
      token,
      body: {
        title: 'Kim congratulates Lao president',
        summary: 'The English lead.',
        body: paragraphsToLexical(['First paragraph.', 'Second paragraph.']),
        _status: 'published',
      },
    })
    expect(res.status).toBe(201)
    id = res.body.doc.id
  })

  test('ids are strings and the slug comes from the title', async () => {
    const res = await client.get(`/articles/${id}`)
    expect(typeof res.body.id).toBe('string')
    expect(res.body.slug).toBe('kim-congratulates-lao-president')
    expect(res.body.publishedAt).toEqual(expect.any(String))
  })

  test('German fields fall back to English until a translator fills them', async () => {
    const before = await client.get(`/articles/${id}?locale=de`)
    expect(before.body.title).toBe('Kim congratulates Lao president')

    const patch = await client.patch(`/articles/${id}?locale=de`, {
      token,
      // Publication is per locale: the German goes live when it is published in German.
      body: {
        title: 'Kim gratuliert dem Präsidenten von Laos',
        summary: 'Der deutsche Vorspann.',
        _status: 'published',
      },
    })
    expect(patch.status).toBe(200)

    const de = await client.get(`/articles/${id}?locale=de`)
    expect(de.body.title).toBe('Kim gratuliert dem Präsidenten von Laos')
    expect(de.body.summary).toBe('Der deutsche Vorspann.')
    expect(de.body.slug).toBe('kim-congratulates-lao-president') // the slug is not localized and stays

    const en = await client.get(`/articles/${id}?locale=en`)
    expect(en.body.title).toBe('Kim congratulates Lao president')

    const all = await client.get(`/articles/${id}?locale=all`)
    expect(all.body.title).toEqual({
      en: 'Kim congratulates Lao president',
      de: 'Kim gratuliert dem Präsidenten von Laos',
    })
  })

  test('fallback can be turned off per request', async () => {
    const created = await ctx.payload.create({
      collection: 'articles',
      data: { title: 'Only English', summary: 'Lead', _status: 'published' },
    })
    const res = await client.get(`/articles/${created.id}?locale=de&fallback-locale=none`)
    expect(res.status).toBe(200)
    expect(res.body.title ?? null).toBeNull()
  })
})

describe('population and order', () => {
  test('depth 2: hero image and the related teasers with their images, in order', async () => {
    const hero = await createImage(ctx.payload, 'Hero alt', true)
    const teaserImage = await createImage(ctx.payload, 'Teaser alt')
    const teasers = []
    for (const [i, summary] of ['Third in line', 'First in line', 'Second in line'].entries()) {
      teasers.push(
        await ctx.payload.create({
          collection: 'related-articles',
          data: { summary, image: i === 1 ? teaserImage.id : undefined },
        }),
      )
    }
    const order = [teasers[1].id, teasers[2].id, teasers[0].id]
    const article = await ctx.payload.create({
      collection: 'articles',
      data: {
        title: 'With teasers',
        heroImage: hero.id,
        relatedArticles: order,
        _status: 'published',
      },
    })

    const res = await client.get(`/articles/${article.id}?depth=2&locale=en`)
    expect(res.status).toBe(200)
    expect(res.body.heroImage).toMatchObject({ id: hero.id, alt: 'Hero alt', aiGenerated: true })
    expect(res.body.heroImage.url).toMatch(/^\/api\/images\/file\//)
    expect(res.body.heroImage.sizes.thumbnail.width).toBe(320)
    expect(res.body.relatedArticles.map((t: any) => t.summary)).toEqual([
      'First in line',
      'Second in line',
      'Third in line',
    ])
    expect(res.body.relatedArticles[0].image).toMatchObject({
      id: teaserImage.id,
      alt: 'Teaser alt',
    })

    // The join field shows editors which articles use a teaser.
    const teaser = await client.get(`/related-articles/${teasers[1].id}`, { token })
    expect(teaser.body.usedIn.docs.map((d: any) => d.id ?? d)).toContain(article.id)
  })
})

describe('drafts stay private', () => {
  let draftId: string
  let publishedId: string

  beforeAll(async () => {
    draftId = (
      await ctx.payload.create({
        collection: 'articles',
        data: { title: 'Secret draft', _status: 'draft' },
        draft: true,
      })
    ).id
    publishedId = (
      await ctx.payload.create({
        collection: 'articles',
        data: { title: 'Public story', _status: 'published' },
      })
    ).id
  })

  test('anonymous REST lists and reads only published articles', async () => {
    const list = await client.get('/articles?limit=100&depth=0')
    expect(list.status).toBe(200)
    const titles = list.body.docs.map((d: any) => d.title)
    expect(titles).toContain('Public story')
    expect(titles).not.toContain('Secret draft')
    expect((await client.get(`/articles/${draftId}`)).status).toBe(404)
    expect((await client.get(`/articles/${draftId}?draft=true`)).status).toBe(404)
    expect((await client.get(`/articles/${publishedId}`)).status).toBe(200)
  })

  test('anonymous GraphQL never sees drafts', async () => {
    const res = await client.graphql(
      '{ Articles(limit: 100, draft: true) { docs { title _status } } }',
    )
    expect(res.status).toBe(200)
    const titles = res.body.data.Articles.docs.map((d: any) => d.title)
    expect(titles).toContain('Public story')
    expect(titles).not.toContain('Secret draft')
    const one = await client.graphql(
      'query($id: String!) { Article(id: $id, draft: true) { title } }',
      { id: draftId },
    )
    expect(one.body.data?.Article ?? null).toBeNull()
  })

  test('logged-in users see drafts', async () => {
    const res = await client.get(`/articles/${draftId}?draft=true`, { token })
    expect(res.status).toBe(200)
    expect(res.body.title).toBe('Secret draft')
  })

  test('anonymous users cannot read users or write content', async () => {
    expect((await client.get('/users')).status).toBe(403)
    expect((await client.post('/articles', { body: { title: 'x' } })).status).toBe(403)
  })
})

describe('slugs', () => {
  test('German letters are transliterated', async () => {
    const res = await client.post('/articles', {
      token,
      body: { title: 'Größere Übungen für Äpfel & Straßen', _status: 'published' },
    })
    expect(res.status).toBe(201)
    expect(res.body.doc.slug).toBe('groessere-uebungen-fuer-aepfel-strassen')
  })

  test('a duplicate slug is a 400 naming the field, and nothing is written', async () => {
    const before = (await ctx.payload.count({ collection: 'articles' })).totalDocs
    const res = await client.post('/articles', {
      token,
      body: { title: 'Something else', slug: 'groessere-uebungen-fuer-aepfel-strassen' },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.errors)).toContain('slug')
    expect((await ctx.payload.count({ collection: 'articles' })).totalDocs).toBe(before)
  })
})

describe('automatic slugs are never empty and never collide', () => {
  const AUTO_FALLBACK = /^article-[0-9a-f]{8}$/
  const slugOf = async (id: string) =>
    (await ctx.payload.findByID({ collection: 'articles', id, depth: 0, draft: true })).slug

  test.each(['en', 'de'] as const)(
    'a title without Latin letters or digits, twice (REST and Local API, %s)',
    async (locale) => {
      const ids: string[] = []
      for (const title of ['🚀🚀🚀', '🚀🚀🚀', '中文标题', '中文标题', 'Ωμέγα']) {
        const res = await client.post(`/articles?locale=${locale}`, {
          token,
          body: { title, _status: 'published' },
        })
        expect({ title, status: res.status }).toEqual({ title, status: 201 })
        ids.push(res.body.doc.id)
        const local = await ctx.payload.create({
          collection: 'articles',
          locale,
          draft: true,
          data: { title },
        })
        ids.push(local.id)
      }
      const slugs = await Promise.all(ids.map(slugOf))
      for (const slug of slugs) expect(slug).toMatch(AUTO_FALLBACK)
      expect(new Set(slugs).size).toBe(ids.length)
      // what readers get, in both locales
      for (const l of ['en', 'de']) {
        const read = await client.get(`/articles/${ids[0]}?locale=${l}&depth=0`)
        expect(read.body.slug).toBe(slugs[0])
      }
    },
  )

  test('a title sent as a number is refused; a typed slug that has no letters gets one', async () => {
    const numbered = await client.post('/articles?locale=en', {
      token,
      body: { title: 2026, _status: 'published' },
    })
    expect(numbered.status).toBe(400)
    expect(numbered.body.errors[0].data.errors[0]).toMatchObject({ path: 'title' })
    const text = await client.post('/articles?locale=en', {
      token,
      body: { title: '2026', _status: 'published' },
    })
    expect(text.status).toBe(201)
    expect(await slugOf(text.body.doc.id)).toMatch(/^2026(-[0-9a-f]{8})?$/)
    const typed = await client.post('/articles?locale=de', {
      token,
      body: { title: 'Eine Überschrift', slug: '🚀', _status: 'published' },
    })
    expect(typed.status).toBe(201)
    expect(await slugOf(typed.body.doc.id)).toBe('eine-ueberschrift')
  })

  test.each(['en', 'de'] as const)(
    'equal titles get a suffix, not a 400 (REST and Local API, %s)',
    async (locale) => {
      const title = `Same headline ${locale}`
      const base = `same-headline-${locale}`
      const first = await client.post(`/articles?locale=${locale}`, {
        token,
        body: { title, _status: 'published' },
      })
      const second = await client.post(`/articles?locale=${locale}`, { token, body: { title } })
      const third = await ctx.payload.create({
        collection: 'articles',
        locale,
        data: { title, _status: 'published' },
      })
      expect([first.status, second.status]).toEqual([201, 201])
      const slugs = [
        await slugOf(first.body.doc.id),
        await slugOf(second.body.doc.id),
        await slugOf(third.id),
      ]
      expect(slugs[0]).toBe(base)
      for (const slug of slugs.slice(1)) expect(slug).toMatch(new RegExp(`^${base}-[0-9a-f]{8}$`))
      expect(new Set(slugs).size).toBe(3)
    },
  )
})

describe('GraphQL', () => {
  test('an article with its teasers in German', async () => {
    const teaser = await ctx.payload.create({
      collection: 'related-articles',
      locale: 'de',
      data: { summary: 'Deutscher Teaser', title: 'Teaser-Titel' },
    })
    const article = await ctx.payload.create({
      collection: 'articles',
      locale: 'de',
      data: {
        title: 'Deutscher Artikel',
        summary: 'Vorspann',
        relatedArticles: [teaser.id],
        _status: 'published',
      },
    })
    const res = await client.graphql(
      `query($slug: String) { Articles(where: { slug: { equals: $slug } }, locale: de) {
         docs { id title summary relatedArticles { title summary } } } }`,
      { slug: article.slug },
    )
    expect(res.status).toBe(200)
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Articles.docs).toEqual([
      {
        id: article.id,
        title: 'Deutscher Artikel',
        summary: 'Vorspann',
        relatedArticles: [{ title: 'Teaser-Titel', summary: 'Deutscher Teaser' }],
      },
    ])
  })
})

describe('bad input', () => {
  const post = (path: string, body: Record<string, unknown>) => client.post(path, { token, body })

  test('a missing required field names the field', async () => {
    const res = await post('/articles', { summary: 'no title', _status: 'published' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.errors)).toContain('title')
  })

  test('wrong types are refused', async () => {
    const relation = await post('/articles', { title: 'Bad hero', heroImage: 'not-an-id' })
    expect(relation.status).toBe(400)
    const date = await post('/articles', { title: 'Bad date', publishedAt: 'yesterday-ish' })
    expect(date.status).toBe(400)
    const teaser = await post('/related-articles', { summary: 'x', url: 'javascript:alert(1)' })
    expect(teaser.status).toBe(400)
    expect(JSON.stringify(teaser.body.errors)).toContain('url')
  })

  test('an unknown locale is a 400 with the message the README promises', async () => {
    const res = await client.get('/articles?locale=fr')
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toBe('Unknown locale "fr". Use one of: en, de, all.')
  })

  test('malformed or missing JSON bodies are a 400, and nothing is written', async () => {
    const before = (await ctx.payload.count({ collection: 'articles' })).totalDocs
    for (const rawBody of ['{"title": "unterminated', '', '[1, 2]', 'null']) {
      const res = await client.post('/articles', { token, rawBody })
      expect([rawBody, res.status]).toEqual([rawBody, 400])
    }
    expect((await ctx.payload.count({ collection: 'articles' })).totalDocs).toBe(before)
  })
})
