import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

import {
  SOURCE_TEXT_COMPONENT,
  StatusPill,
  withSourceText,
} from 'payload-plugin-translation-workflow'
import {
  loadMissingTranslations,
  MissingTranslations,
} from 'payload-plugin-translation-workflow/rsc'
// Internal helpers of the plugin, tested here through the app as well.
import {
  describeSourceValue,
  lexicalToBlocks,
  sourceLocaleOf,
  sourceTextLabels,
  valueAtPath,
} from '../../plugins/translation-workflow/src/utilities/shared'
import { paragraphsToLexical } from '../../src/utilities/richtext'
import { api } from '../helpers/api'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

// The translation UI: SourceText's helpers and the exact REST reads it makes, and the dashboard's
// MissingTranslations list on a real Payload (fresh SQLite).

/** Plain paragraphs; an empty one has no children, as the editor saves it. */
const lexical = (...paragraphs: string[]) => {
  const doc = paragraphsToLexical(paragraphs)
  for (const paragraph of doc.root.children)
    if (!paragraph.children[0]?.text) paragraph.children = []
  return doc
}

describe('SourceText helpers', () => {
  test('Lexical paragraphs, lists and line breaks become plain text blocks', () => {
    const state = {
      root: {
        children: [
          { type: 'heading', children: [{ type: 'text', text: 'Head' }] },
          { type: 'paragraph', children: [] },
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'One ' },
              { type: 'link', children: [{ type: 'text', text: 'link' }] },
              { type: 'linebreak' },
              { type: 'text', text: 'two' },
            ],
          },
          {
            type: 'list',
            children: [
              { type: 'listitem', children: [{ type: 'text', text: 'a' }] },
              {
                type: 'listitem',
                children: [
                  {
                    type: 'list',
                    children: [{ type: 'listitem', children: [{ type: 'text', text: 'b' }] }],
                  },
                ],
              },
            ],
          },
          { type: 'upload', value: 'x' },
        ],
      },
    }
    expect(lexicalToBlocks(state)).toEqual(['Head', 'One link\ntwo', '• a\n  • b'])
    expect(describeSourceValue(lexical('', ''))).toEqual({ kind: 'empty' })
    expect(describeSourceValue(null)).toEqual({ kind: 'empty' })
    expect(describeSourceValue('  ')).toEqual({ kind: 'empty' })
    expect(describeSourceValue('Hi')).toEqual({ kind: 'text', text: 'Hi' })
  })

  test('paths walk groups, arrays and skip unnamed containers', () => {
    const doc = {
      labels: { aiTextBadge: 'Reported by AI' },
      items: [{ caption: 'first' }, { caption: 'second' }],
    }
    expect(valueAtPath(doc, 'labels.aiTextBadge')).toBe('Reported by AI')
    expect(valueAtPath(doc, 'items.1.caption')).toBe('second')
    expect(valueAtPath(doc, '_index-0.labels.aiTextBadge')).toBe('Reported by AI')
    expect(valueAtPath(doc, 'nope.deeper')).toBeUndefined()
  })

  test('source locale from the language value', () => {
    const codes = new Map([['l-de', 'de']])
    expect(sourceLocaleOf(null, undefined, 'en')).toBe('en')
    expect(sourceLocaleOf({ id: 'l-de', code: 'de' }, undefined, 'en')).toBe('de')
    expect(sourceLocaleOf('l-de', undefined, 'en')).toBeUndefined() // not resolvable yet
    expect(sourceLocaleOf('l-de', codes, 'en')).toBe('de')
    expect(sourceLocaleOf('unknown', codes, 'en')).toBe('en')
  })

  test('labels in the admin UI language', () => {
    expect(sourceTextLabels('en', 'en')).toMatchObject({
      heading: 'English source',
      empty: '(empty in English)',
    })
    expect(sourceTextLabels('en', 'de')).toMatchObject({
      heading: 'Englische Vorlage',
      empty: '(auf Englisch leer)',
    })
    expect(sourceTextLabels('de', 'en').heading).toBe('German source')
    expect(
      renderToStaticMarkup(React.createElement(StatusPill, { status: null, language: 'de' })),
    ).toContain('Fehlt')
  })
})

test('withSourceText adds SourceText to translatable localized fields only', () => {
  const after = (f: unknown) =>
    (f as { admin?: { components?: { afterInput?: unknown[] } } }).admin?.components?.afterInput
  const fields = withSourceText([
    { name: 'title', type: 'text', localized: true, admin: { description: 'kept' } },
    { name: 'slug', type: 'text' },
    { name: 'body', type: 'richText', localized: true },
    { name: 'hash', type: 'text', localized: true, admin: { hidden: true } },
    { name: 'labels', type: 'group', localized: true, fields: [{ name: 'badge', type: 'text' }] },
    { type: 'row', fields: [{ name: 'lead', type: 'textarea', localized: true }] },
    {
      name: 'twice',
      type: 'text',
      localized: true,
      admin: { components: { afterInput: [SOURCE_TEXT_COMPONENT] } },
    },
  ] as never)
  const [title, slug, body, hash, labels, row, twice] = fields as never[]
  expect(after(title)).toEqual([SOURCE_TEXT_COMPONENT])
  expect((title as { admin: { description: string } }).admin.description).toBe('kept')
  expect(after(slug)).toBeUndefined()
  expect(after(body)).toEqual([SOURCE_TEXT_COMPONENT])
  expect(after(hash)).toBeUndefined()
  expect(after((labels as { fields: unknown[] }).fields[0])).toEqual([SOURCE_TEXT_COMPONENT])
  expect(after((row as { fields: unknown[] }).fields[0])).toEqual([SOURCE_TEXT_COMPONENT])
  expect(after(twice)).toEqual([SOURCE_TEXT_COMPONENT])
})

// The dashboard's options as the app's plugin config passes them.
const dashboard = (targetLocale: string) => ({
  targetLocale,
  collections: ['articles', 'related-articles'],
  sources: {
    defaultSource: 'en',
    languageField: { field: 'language', collection: 'locales' as const, codeField: 'code' },
  },
})

describe('on a real Payload', () => {
  let ctx: TestContext
  let rest: ReturnType<typeof api>
  let token: string
  const ids: Record<string, string> = {}
  let localeIds: Record<string, string>

  beforeAll(async () => {
    ctx = await bootPayload()
    rest = api(ctx.config)
    const { payload } = ctx
    await loginAs(payload, 'admin@example.com', ['admin'])
    token = await loginAs(payload, 'translator@example.com', ['translator'], {
      translatorLocales: ['de'],
    })
    const locales = await payload.find({ collection: 'locales', depth: 0, limit: 10 })
    localeIds = Object.fromEntries(locales.docs.map((l) => [l.code, String(l.id)]))

    const article = async (
      key: string,
      data: Record<string, unknown>,
      locale: 'de' | 'en' = 'en',
    ) => {
      const doc = await payload.create({ collection: 'articles', locale, data: data as never })
      ids[key] = String(doc.id)
      return doc
    }
    // English, no German yet.
    await article('missing', {
      title: 'Alpha',
      summary: 'Alpha lead',
      body: lexical('First paragraph.', 'Second.'),
      language: localeIds.en,
      _status: 'published',
    })
    // English, German done.
    await article('done', { title: 'Beta', language: localeIds.en })
    // Written past the workflow's status hook (its context flag): this suite tests the UI, and the
    // hook's own rules are tested with the workflow.
    await payload.update({
      collection: 'articles',
      id: ids.done!,
      locale: 'de',
      data: { title: 'Beta DE', translationStatus: 'done' } as never,
      context: { translationStatusUpdate: true },
    })
    // No language (→ English), German in progress.
    await article('progress', { title: 'Gamma' })
    await payload.update({
      collection: 'articles',
      id: ids.progress!,
      locale: 'de',
      data: { title: 'Gamma DE' } as never,
    })
    // Written in German: needs no German translation.
    await article('german', { title: 'Delta (de)', language: localeIds.de }, 'de')

    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'en',
      data: { summary: 'A teaser', language: localeIds.en } as never,
    })
    ids.teaser = String(teaser.id)
  })
  afterAll(() => shutdown(ctx))

  test('the REST reads SourceText makes give the source values without fallback', async () => {
    const locales = await rest.get('/locales?depth=0&limit=100&select%5Bcode%5D=true', { token })
    expect(locales.status).toBe(200)
    expect(locales.body.docs.map((d: { code: string }) => d.code).sort()).toEqual(['de', 'en'])
    expect(typeof locales.body.docs[0].id).toBe('string')

    const source = await rest.get(
      `/articles/${ids.missing}?locale=en&fallback-locale=none&depth=0&draft=true`,
      { token },
    )
    expect(source.status).toBe(200)
    expect(valueAtPath(source.body, 'title')).toBe('Alpha')
    expect(describeSourceValue(valueAtPath(source.body, 'body'))).toEqual({
      kind: 'blocks',
      blocks: ['First paragraph.', 'Second.'],
    })
    expect(
      sourceLocaleOf(
        source.body.language,
        new Map(Object.entries(localeIds).map(([c, id]) => [id, c])),
        'en',
      ),
    ).toBe('en')

    const target = await rest.get(
      `/articles/${ids.missing}?locale=de&fallback-locale=none&depth=0&draft=true`,
      { token },
    )
    expect(describeSourceValue(valueAtPath(target.body, 'title'))).toEqual({ kind: 'empty' })

    // A draft edit of the (published) English text is what translators see.
    await ctx.payload.update({
      collection: 'articles',
      id: ids.missing!,
      locale: 'en',
      draft: true,
      data: { title: 'Alpha v2' } as never,
    })
    const draft = await rest.get(
      `/articles/${ids.missing}?locale=en&fallback-locale=none&depth=0&draft=true`,
      { token },
    )
    expect(draft.body.title).toBe('Alpha v2')
  })

  test('MissingTranslations lists what still needs German, with source titles and completeness', async () => {
    const translator = (
      await ctx.payload.find({
        collection: 'users',
        where: { email: { equals: 'translator@example.com' } },
      })
    ).docs[0]
    // German live for Gamma (its translation still in progress), not for Alpha.
    await ctx.payload.update({
      collection: 'articles',
      id: ids.progress!,
      locale: 'de',
      data: { _status: 'published' },
    })
    const sections = await loadMissingTranslations({
      payload: ctx.payload,
      user: translator as never,
      ...dashboard('de'),
    })
    const articles = sections.find((s) => s.slug === 'articles')!
    expect(articles.error).toBeUndefined()
    expect(articles.total).toBe(3) // the German-written one is not counted
    expect(articles.done).toBe(1)
    expect(articles.more).toBe(0)
    const rows = Object.fromEntries(articles.pending.map((p) => [p.id, p]))
    expect(Object.keys(rows).sort()).toEqual([ids.missing, ids.progress].sort())
    expect(rows[ids.missing!]).toMatchObject({
      title: 'Alpha v2',
      sourceLocale: 'en',
      status: 'missing',
      publication: 'draft',
      href: `/admin/collections/articles/${ids.missing}?locale=de`,
    })
    expect(rows[ids.progress!]).toMatchObject({
      title: 'Gamma',
      sourceLocale: 'en',
      status: 'in-progress',
      publication: 'published',
    })

    const teasers = sections.find((s) => s.slug === 'related-articles')!
    expect(teasers).toMatchObject({ total: 1, done: 0 })
    expect(teasers.pending[0]).toMatchObject({
      id: ids.teaser,
      title: 'A teaser',
      status: 'missing',
    })
    expect(teasers.pending[0]).not.toHaveProperty('publication') // teasers are live as saved

    const { targetLocale: _, ...options } = dashboard('de')
    const element = await MissingTranslations({
      payload: ctx.payload,
      user: translator as never,
      i18n: { language: 'de' } as never,
      ...options,
      targetLocales: ['de'],
    })
    const html = renderToStaticMarkup(element as React.ReactElement)
    expect(html).toContain('Warten auf deutsche Übersetzung')
    expect(html).toContain('1 von 3 übersetzt (33 %)')
    expect(html).toContain(`href="/admin/collections/articles/${ids.progress}?locale=de"`)
    expect(html).toContain('In Arbeit')
    expect(html).toContain('>Veröffentlicht</th>')
    expect(html).toMatch(new RegExp(`${ids.progress}\\?locale=de"[^]*?>ja</td>`))
    expect(html).toMatch(new RegExp(`${ids.missing}\\?locale=de"[^]*?>nein</td>`))
    expect(html).not.toContain('Delta')
  })

  test('collections the user may not read are left out', async () => {
    const sections = await loadMissingTranslations({
      ...dashboard('de'),
      payload: ctx.payload,
      user: undefined,
      permissions: { collections: { articles: { fields: {}, read: true } } } as never,
    })
    expect(sections.map((s) => s.slug)).toEqual(['articles'])
  })

  test('without the status field the dashboard shows an error per collection instead of failing', async () => {
    const sections = await loadMissingTranslations({
      ...dashboard('de'),
      payload: ctx.payload,
      user: undefined,
      collections: ['images'],
    })
    // Payload's own message for a query on a field the collection does not have
    expect(sections[0]!.error).toMatch(/translationStatus/)
  })
})
