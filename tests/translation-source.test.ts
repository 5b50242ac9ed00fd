import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'
import { loadMissingTranslations } from 'payload-plugin-translation-workflow'

import { paragraphsToLexical } from '../src/utilities/richtext'
import { bootAs, type Booted } from './helpers/boot'
import { shutdown, type TestContext } from './helpers/payload'
import { recordStatements } from './helpers/sql'

// An article's source language ("Original language") and its translation status, as REST, GraphQL,
// the Local API and the translation-status endpoint show them and as the dashboard counts them.

let ctx: TestContext, payload: Payload, client: Booted['client'], editor: string
beforeAll(async () => {
  ;({ ctx, token: editor, client } = await bootAs('editor@example.com', ['editor']))
  payload = ctx.payload
})
afterAll(() => shutdown(ctx))

const texts = (title: string) => ({
  title,
  summary: `${title}: the lead.`,
  body: paragraphsToLexical([`${title}: the body.`]),
})

/** As the admin creates: REST in the locale being edited, no language named. */
const create = async (locale: string, title: string) => {
  const res = await client.post(`/articles?locale=${locale}`, {
    token: editor,
    body: { ...texts(title), _status: 'published' },
  })
  expect(res.status).toBe(201)
  return res.body.doc.id as string
}

const languageOf = async (id: string) =>
  (await client.get(`/articles/${id}?depth=1&draft=true`, { token: editor })).body.language?.code

describe('Original language on create', () => {
  test('a new article gets the locale it is created in (REST, GraphQL, Local API); a named one is kept', async () => {
    expect(await languageOf(await create('de', 'Im Redaktionssystem angelegt'))).toBe('de')
    expect(await languageOf(await create('en', 'Created in the admin'))).toBe('en')

    const gql = await client.graphql(
      `mutation { createArticle(locale: de, draft: true, data: { title: "Per GraphQL angelegt" }) { id language { code } } }`,
      {},
      { token: editor },
    )
    expect(gql.body.errors).toBeUndefined()
    expect(gql.body.data.createArticle.language.code).toBe('de')

    const local = await payload.create({
      collection: 'articles',
      locale: 'de',
      draft: true,
      data: { title: 'Lokal angelegt' },
    })
    expect(await languageOf(local.id)).toBe('de')

    const english = (
      await payload.find({ collection: 'locales', where: { code: { equals: 'en' } }, limit: 1 })
    ).docs[0]!.id
    const named = await client.post('/articles?locale=de', {
      token: editor,
      body: { ...texts('Named language'), language: english },
    })
    expect(named.status).toBe(201)
    expect(await languageOf(named.body.doc.id)).toBe('en')
  })
})

describe('translation status: reads and the dashboard agree', () => {
  test('English only, German only, both: REST, GraphQL, Local API, the status endpoint and the dashboard', async () => {
    const enOnly = await create('en', 'Status English only')
    const deOnly = await create('de', 'Status nur Deutsch')
    const both = await create('en', 'Status in both')
    const patched = await client.patch(`/articles/${both}?locale=de`, {
      token: editor,
      body: { ...texts('Status in beiden'), _status: 'published' },
    })
    expect(patched.status).toBe(200)

    const expected: Record<string, Record<'en' | 'de', string>> = {
      [enOnly]: { en: 'done', de: 'missing' },
      [deOnly]: { en: 'missing', de: 'done' },
      [both]: { en: 'done', de: 'in-progress' },
    }
    const user = (
      await payload.find({
        collection: 'users',
        where: { email: { equals: 'editor@example.com' } },
        limit: 1,
      })
    ).docs[0]
    for (const locale of ['en', 'de'] as const) {
      for (const [id, want] of Object.entries(expected)) {
        // REST with Payload's locale fallback on (the default), drafts and published documents.
        for (const draft of [true, false]) {
          const rest = await client.get(`/articles/${id}?locale=${locale}&draft=${draft}`, {
            token: editor,
          })
          expect([id, locale, draft, rest.body.translationStatus]).toEqual([
            id,
            locale,
            draft,
            want[locale],
          ])
        }
        const gql = await client.graphql(
          `query($id: String!) { Article(id: $id, locale: ${locale}, draft: true) { translationStatus } }`,
          { id },
          { token: editor },
        )
        expect(gql.body.errors).toBeUndefined()
        // GraphQL enum values use underscores (in_progress).
        const shown = String(gql.body.data.Article.translationStatus).replace(/_/g, '-')
        expect([id, locale, shown]).toEqual([id, locale, want[locale]])
        const local = await payload.findByID({ collection: 'articles', id, locale, depth: 0 })
        expect([id, locale, local.translationStatus]).toEqual([id, locale, want[locale]])
      }
      // The list the admin shows, with the language filter of "needs <locale>".
      const list = await client.get(`/articles?locale=${locale}&draft=true&limit=100`, {
        token: editor,
      })
      for (const doc of list.body.docs)
        if (doc.id in expected)
          expect([doc.id, doc.translationStatus]).toEqual([doc.id, expected[doc.id]![locale]])

      const endpoint = await client.get(`/articles/translation-status?locale=${locale}&limit=100`, {
        token: editor,
      })
      expect(endpoint.status).toBe(200)
      for (const doc of endpoint.body.docs)
        if (doc.id in expected)
          expect([doc.id, doc.status]).toEqual([doc.id, expected[doc.id]![locale]])

      // The dashboard lists exactly the documents whose status in this locale is not done, with
      // that status, and says nothing of those written in it.
      const [summary] = await loadMissingTranslations({
        payload,
        user: user as never,
        targetLocale: locale,
        collections: ['articles'],
        sources: {
          defaultSource: 'en',
          languageField: { field: 'language', collection: 'locales', codeField: 'code' },
        },
      })
      const pending = Object.fromEntries(
        summary!.pending.filter((doc) => String(doc.id) in expected).map((d) => [d.id, d.status]),
      )
      expect(pending).toEqual(
        Object.fromEntries(
          Object.entries(expected)
            .filter(([, want]) => want[locale] !== 'done')
            .map(([id, want]) => [id, want[locale]]),
        ),
      )
      for (const doc of summary!.pending) if (doc.id === deOnly) expect(doc.sourceLocale).toBe('de')
    }
  })
})

describe('the status costs no query per document', () => {
  test('a list of articles reads the locale codes at most once, not once per article', async () => {
    for (let i = 0; i < 6; i++) await create(i % 2 ? 'de' : 'en', `Listed article ${i}`)
    const localeReads: string[] = []
    const stop = recordStatements(payload, ({ sql }) => {
      if (/from "locales"/.test(sql)) localeReads.push(sql)
    })
    try {
      const first = await client.get('/articles?limit=10&depth=0&locale=de')
      expect(first.status).toBe(200)
      expect(first.body.docs.length).toBeGreaterThanOrEqual(6)
      expect(localeReads.length).toBeLessThanOrEqual(1)
      localeReads.length = 0
      await client.get('/articles?limit=10&depth=0&locale=en')
      expect(localeReads).toEqual([])
    } finally {
      stop()
    }
  })
})
