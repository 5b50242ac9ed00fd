import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'

import { paragraphsToLexical } from '../src/utilities/richtext'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
let editor: string
let translator: string

const statusIn = async (id: string, locale: 'en' | 'de', draft = true) =>
  (
    await payload.findByID({
      collection: 'articles',
      id,
      locale,
      fallbackLocale: false,
      draft,
      depth: 0,
    })
  ).translationStatus

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
  editor = await loginAs(payload, 'editor@example.com', ['editor'])
  translator = await loginAs(payload, 'translator@example.com', ['translator'], {
    translatorLocales: ['de'],
  })
})
afterAll(() => shutdown(ctx))

const createEnglish = async (title: string) => {
  const res = await client.post('/articles?locale=en', {
    token: editor,
    body: {
      title,
      summary: 'The English lead.',
      body: paragraphsToLexical(['English body.']),
      _status: 'published',
    },
  })
  expect(res.status).toBe(201)
  return res.body.doc.id as string
}

describe('translation status', () => {
  test('missing → in progress → done, and stale ("needs review") when the English source changes', async () => {
    const id = await createEnglish('A story to translate')
    expect(await statusIn(id, 'en')).toBe('done') // the source language
    expect((await statusIn(id, 'de')) ?? 'missing').toBe('missing')

    const partial = await client.patch(`/articles/${id}?locale=de&draft=true`, {
      token: translator,
      body: { title: 'Eine Geschichte' },
    })
    expect(partial.status).toBe(200)
    expect(await statusIn(id, 'de')).toBe('in-progress')

    const done = await client.patch(`/articles/${id}?locale=de&draft=true`, {
      token: translator,
      body: {
        summary: 'Der deutsche Vorspann.',
        body: paragraphsToLexical(['Deutscher Text.']),
        translationStatus: 'done',
      },
    })
    expect(done.status).toBe(200)
    expect(done.body.doc.title).toBe('Eine Geschichte') // the response stays in the requested locale
    expect(await statusIn(id, 'de')).toBe('done')

    // An unrelated English change (no text) keeps the translation done …
    await client.patch(`/articles/${id}?locale=en&draft=true`, {
      token: editor,
      body: { publishedAt: '2026-01-02T10:00:00.000Z' },
    })
    expect(await statusIn(id, 'de')).toBe('done')

    // … a change to the English text makes it stale.
    const edit = await client.patch(`/articles/${id}?locale=en&draft=true`, {
      token: editor,
      body: { summary: 'A rewritten English lead.' },
    })
    expect(edit.status).toBe(200)
    expect(await statusIn(id, 'de')).toBe('needs-review')

    // The translator reviews it and marks it done again.
    const review = await client.patch(`/articles/${id}?locale=de&draft=true`, {
      token: translator,
      body: { summary: 'Der neue Vorspann.', translationStatus: 'done' },
    })
    expect([review.status, review.body.errors]).toEqual([200, undefined])
    expect(await statusIn(id, 'de')).toBe('done')
  })

  test('"needs German" is a list filter: translationStatus in de', async () => {
    const id = await createEnglish('Still only in English')
    const res = await client.get(
      `/articles?locale=de&draft=true&where[or][0][translationStatus][not_equals]=done&where[or][1][translationStatus][exists]=false&limit=100`,
      { token: translator },
    )
    expect(res.status).toBe(200)
    expect(res.body.docs.map((d: { id: string }) => d.id)).toContain(id)
  })

  test("the admin's fallback echo of the English text is not saved as the German translation", async () => {
    const id = await createEnglish('Echo check')
    const english = (await client.get(`/articles/${id}?locale=en&depth=0`, { token: editor })).body
    const res = await client.patch(`/articles/${id}?locale=de&draft=true&fallback-locale=none`, {
      token: translator,
      body: { title: 'Echo-Prüfung', body: english.body, summary: english.summary },
    })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({
      collection: 'articles',
      id,
      locale: 'all',
      draft: true,
      depth: 0,
    })
    expect((stored.title as unknown as Record<string, string>).de).toBe('Echo-Prüfung')
    expect((stored.body as unknown as Record<string, unknown>).de ?? null).toBeNull()
    expect((stored.summary as unknown as Record<string, unknown>).de ?? null).toBeNull()
  })
})

describe('who reads the status', () => {
  // Every locale's state, also of a German text that is not published: a reader without draft
  // access would tell a hidden German draft ("done") from no German at all ("missing").
  test('readers without draft access get no translationStatus or its hash; staff do', async () => {
    const id = await createEnglish('Status readers')
    const hidden = await client.patch(`/articles/${id}?locale=de`, {
      token: editor,
      body: { title: 'Geheimer Entwurf', _status: 'draft' },
    })
    expect(hidden.status).toBe(200)
    const developer = await loginAs(payload, 'developer-status@example.com', ['developer'])
    for (const token of [undefined, developer])
      for (const locale of ['en', 'de']) {
        const res = await client.get(`/articles/${id}?locale=${locale}&depth=0`, { token })
        expect(res.status).toBe(200)
        expect(res.body).not.toHaveProperty('translationStatus')
        expect(res.body).not.toHaveProperty('translationSourceHash')
        const gql = await client.graphql(
          `{ Article(id: "${id}", locale: ${locale}) { title translationStatus } }`,
          {},
          { token },
        )
        expect(gql.body.data.Article.translationStatus).toBeNull()
      }
    const staff = await client.get(`/articles/${id}?locale=de&depth=0`, { token: editor })
    expect(staff.body.translationStatus).toBe('in-progress')
  })
})

describe('GET /api/articles/translation-status', () => {
  test('reports empty fields and completeness per document for a locale', async () => {
    const id = await createEnglish('Half translated')
    await client.patch(`/articles/${id}?locale=de&draft=true`, {
      token: translator,
      body: { title: 'Halb übersetzt' },
    })

    const res = await client.get('/articles/translation-status?locale=de', { token: translator })
    expect(res.status).toBe(200)
    expect(res.body.locale).toBe('de')
    expect(res.body.fields).toEqual(['title', 'summary', 'body'])
    const entry = res.body.docs.find((d: { id: string }) => d.id === id)
    expect(entry).toEqual({
      id,
      sourceLocale: 'en',
      status: 'in-progress',
      emptyFields: ['summary', 'body'],
      completeness: 33,
      publication: 'draft',
    })
    const english = (
      await client.get('/articles/translation-status?locale=en', { token: editor })
    ).body.docs.find((d: { id: string }) => d.id === id)
    expect(english).toMatchObject({ completeness: 100, emptyFields: [], status: 'done' })
  })

  test('teasers have the same report', async () => {
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'de',
      data: { summary: 'Nur auf Deutsch' },
    })
    const res = await client.get('/related-articles/translation-status?locale=en', {
      token: editor,
    })
    expect(res.status).toBe(200)
    expect(res.body.docs.find((d: { id: string }) => d.id === teaser.id)).toMatchObject({
      emptyFields: ['title', 'summary'],
      completeness: 0,
      status: 'missing',
    })
  })

  test('paginated like Payload lists; total and complete count the whole collection', async () => {
    const all = (
      await client.get('/articles/translation-status?locale=de&limit=100', { token: editor })
    ).body
    expect(all.totalDocs).toBeGreaterThan(2)
    const done = all.docs.filter((d: { status: string }) => d.status === 'done').length
    expect(done).toBeGreaterThan(0)
    const first = (
      await client.get('/articles/translation-status?locale=de&limit=2', { token: editor })
    ).body
    expect(first).toMatchObject({
      page: 1,
      limit: 2,
      totalDocs: all.totalDocs,
      total: all.totalDocs,
      complete: done,
      hasNextPage: true,
      hasPrevPage: false,
    })
    expect(first.docs).toEqual(all.docs.slice(0, 2))
    const second = (
      await client.get('/articles/translation-status?locale=de&limit=2&page=2', { token: editor })
    ).body
    expect(second).toMatchObject({ page: 2, hasPrevPage: true, complete: done })
    expect(second.docs).toEqual(all.docs.slice(2, 4))
    expect(
      (await client.get('/articles/translation-status?locale=de', { token: editor })).body.docs
        .length,
    ).toBe(Math.min(10, all.totalDocs))
    for (const bad of ['limit=0', 'limit=101', 'limit=x', 'page=0', 'page=1.5']) {
      const res = await client.get(`/articles/translation-status?locale=de&${bad}`, {
        token: editor,
      })
      expect([bad, res.status]).toEqual([bad, 400])
      expect(JSON.stringify(res.body)).toContain(bad.split('=')[0]!)
    }
  })

  test("each locale's own publication state: en only, de only, both, a draft pending in one", async () => {
    const publish = (id: string, locale: string) =>
      client.patch(`/articles/${id}?locale=${locale}`, {
        token: editor,
        body: { _status: 'published' },
      })
    const draft = (id: string, locale: string, title: string) =>
      client.patch(`/articles/${id}?locale=${locale}&draft=true`, {
        token: editor,
        body: { title },
      })
    const enOnly = await createEnglish('Live in English only')
    const deOnly = (
      await payload.create({
        collection: 'articles',
        locale: 'de',
        data: { title: 'Nur auf Deutsch live', _status: 'published' },
      })
    ).id
    const both = await createEnglish('Live in both')
    await draft(both, 'de', 'In beiden live')
    expect((await publish(both, 'de')).status).toBe(200)
    const pendingEn = await createEnglish('English draft pending')
    await draft(pendingEn, 'de', 'Englischer Entwurf offen')
    await publish(pendingEn, 'de')
    await draft(pendingEn, 'en', 'English draft pending, new title')
    const pendingDe = await createEnglish('German draft pending')
    await draft(pendingDe, 'de', 'Deutscher Entwurf')
    await publish(pendingDe, 'de')
    await draft(pendingDe, 'de', 'Deutscher Entwurf, neuer Titel')

    const expected = {
      [enOnly]: { en: 'published', de: 'draft' },
      [deOnly]: { en: 'draft', de: 'published' },
      [both]: { en: 'published', de: 'published' },
      [pendingEn]: { en: 'changed', de: 'published' },
      [pendingDe]: { en: 'published', de: 'changed' },
    }
    const reported: Record<string, Record<string, string>> = {}
    for (const locale of ['en', 'de']) {
      for (const token of [editor, translator]) {
        const res = await client.get(`/articles/translation-status?locale=${locale}&limit=100`, {
          token,
        })
        expect(res.status).toBe(200)
        for (const doc of res.body.docs as { id: string; publication: string }[])
          if (doc.id in expected) (reported[doc.id] ??= {})[locale] = doc.publication
      }
    }
    expect(reported).toEqual(expected)
    // Collections without drafts are live as saved: no publication state.
    const teasers = await client.get('/related-articles/translation-status?locale=de', {
      token: editor,
    })
    expect(teasers.body.docs.length).toBeGreaterThan(0)
    for (const doc of teasers.body.docs) expect(doc).not.toHaveProperty('publication')
  })

  test('bad input: a missing or unknown locale is a 400, anonymous is a 401', async () => {
    expect((await client.get('/articles/translation-status', { token: editor })).status).toBe(400)
    const unknown = await client.get('/articles/translation-status?locale=fr', { token: editor })
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(unknown.body)).toContain('locale')
    expect((await client.get('/articles/translation-status?locale=de')).status).toBe(401)
  })
})
