import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import { copyDataFromLocale } from '@payloadcms/ui/utilities/copyDataFromLocale'
import { createLocalReq } from 'payload'
import { translationWorkflowPlugin } from 'payload-plugin-translation-workflow'
import { MissingTranslations, SourceTitleCell } from 'payload-plugin-translation-workflow/rsc'
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

import {
  boot,
  calls,
  http,
  lexical,
  local,
  shutdown,
  userWithToken,
  type TestContext,
} from './helpers'

// The plugin on a minimal Payload of its own: status and staleness, the translator guard on every
// write path, the status endpoint, the "required in some locale" rule and the config it builds.

let ctx: TestContext
let api: ReturnType<typeof http>
let editor: string
let translator: string
let translatorUser: Record<string, unknown>
let languages: Record<string, string>

const statusIn = async (id: string, locale: string) =>
  (
    await local(ctx.payload).findByID({
      collection: 'posts',
      id,
      locale,
      fallbackLocale: false,
      draft: true,
      depth: 0,
    })
  ).translationStatus ?? 'missing'

const draftInAllLocales = (id: string) =>
  local(ctx.payload).findByID({ collection: 'posts', id, locale: 'all', draft: true, depth: 0 })

const createEnglish = async (title: string, extra: Record<string, unknown> = {}) => {
  const res = await api.post('/posts?locale=en', {
    token: editor,
    body: {
      title,
      summary: 'English lead.',
      body: lexical('English body.'),
      category: 'news',
      _status: 'published',
      ...extra,
    },
  })
  expect(res.status).toBe(201)
  return res.body.doc.id as string
}

beforeAll(async () => {
  ctx = await boot()
  api = http(ctx.config)
  editor = (await userWithToken(ctx.payload, 'editor@example.com')).token
  const t = await userWithToken(ctx.payload, 'translator@example.com', {
    role: 'translator',
    locales: ['de'],
  })
  translator = t.token
  translatorUser = t.user
  languages = {}
  for (const code of ['en', 'de']) {
    languages[code] = (
      await local(ctx.payload).create({ collection: 'languages', data: { code } })
    ).id
  }
})
afterAll(() => shutdown(ctx))

describe('the config the plugin builds', () => {
  test('adds the status fields, keeps own hooks and endpoints, adds the dashboard and translations', () => {
    const posts = ctx.config.collections.find((c) => (c.slug as string) === 'posts')!
    const names = posts.fields.map((f) => ('name' in f ? f.name : ''))
    expect(names).toEqual(expect.arrayContaining(['translationStatus', 'translationSourceHash']))
    expect(posts.endpoints && posts.endpoints.slice(0, 2).map((e) => e.path)).toEqual([
      '/own',
      '/translation-status',
    ])
    expect(posts.hooks.beforeOperation).toHaveLength(2)
    expect(posts.hooks.beforeChange).toHaveLength(2)
    // notes: translatable, not tracked
    const notes = ctx.config.collections.find((c) => (c.slug as string) === 'notes')!
    expect(notes.fields.some((f) => 'name' in f && f.name === 'translationStatus')).toBe(false)
    expect(notes.hooks.beforeOperation).toHaveLength(1)
    const dashboard = ctx.config.admin.components.beforeDashboard as unknown as {
      path: string
      serverProps: any
    }[]
    expect(dashboard[0]).toMatchObject({
      path: 'payload-plugin-translation-workflow/rsc#MissingTranslations',
      serverProps: { collections: ['posts'], targetLocales: ['de', 'fr'] },
    })
    const de = (ctx.config.i18n.translations as any).de['translation-workflow']
    expect(de.status_done).toBe('Erledigt (App)') // the app's own translation wins
    expect(de['status_needs-review']).toBe('Prüfen')
    expect(
      (ctx.config.i18n.translations as any).en['translation-workflow']['status_needs-review'],
    ).toBe('Needs review')
  })

  test('unknown collections and locales are configuration errors', () => {
    const config = {
      collections: [{ slug: 'posts', fields: [] }],
      localization: { defaultLocale: 'en', locales: ['en', 'de'] },
    } as never
    expect(() => translationWorkflowPlugin({ collections: ['nope'] })(config)).toThrow(
      '"nope" does not exist',
    )
    expect(() =>
      translationWorkflowPlugin({ collections: ['posts'], targetLocales: ['fr'] })(config),
    ).toThrow('"fr" is not one of the configured locales')
  })
})

describe('per-locale status', () => {
  test('missing → in progress → done, needs review when the source text changes, done again', async () => {
    const before = calls.ownBeforeChange
    const id = await createEnglish('A story')
    expect(calls.ownBeforeChange).toBeGreaterThan(before) // the collection's own hook still runs
    expect(await statusIn(id, 'en')).toBe('done')
    expect(await statusIn(id, 'de')).toBe('missing')

    const partial = await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: { title: 'Eine Geschichte' },
    })
    expect(partial.status).toBe(200)
    expect(await statusIn(id, 'de')).toBe('in-progress')

    await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: {
        summary: 'Deutscher Vorspann.',
        body: lexical('Deutscher Text.'),
        translationStatus: 'done',
      },
    })
    expect(await statusIn(id, 'de')).toBe('done')

    await api.patch(`/posts/${id}?locale=en&draft=true`, {
      token: editor,
      body: { category: 'sports' },
    })
    expect(await statusIn(id, 'de')).toBe('done') // no text changed

    await api.patch(`/posts/${id}?locale=en&draft=true`, {
      token: editor,
      body: { summary: 'New English lead.' },
    })
    expect(await statusIn(id, 'de')).toBe('needs-review')
    expect(await statusIn(id, 'fr')).toBe('missing') // never translated: stays missing

    await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: { translationStatus: 'done' },
    })
    expect(await statusIn(id, 'de')).toBe('done')
  })

  test("the source language comes from the document's language field", async () => {
    const res = await api.post('/posts?locale=de', {
      token: editor,
      body: { title: 'Nur deutsch', language: languages.de, _status: 'published' },
    })
    expect(res.status).toBe(201)
    expect(await statusIn(res.body.doc.id, 'de')).toBe('done')
    expect(await statusIn(res.body.doc.id, 'en')).toBe('missing')
  })
})

describe('translator guard', () => {
  let id: string
  beforeAll(async () => {
    id = await createEnglish('Guarded')
  })

  test('REST: own locale saves (and reads back); other locales, locked fields, create, delete and publish are 403', async () => {
    const ok = await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: { title: 'Bewacht' },
    })
    expect(ok.status).toBe(200)
    const back = await draftInAllLocales(id)
    expect(back.title).toMatchObject({ en: 'Guarded', de: 'Bewacht' })

    const english = await api.patch(`/posts/${id}?locale=en&draft=true`, {
      token: translator,
      body: { title: 'Changed' },
    })
    expect(english.status).toBe(403)
    expect(english.body.errors[0].message).toBe('Translators may edit only de, not "en".')
    const locked = await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: { category: 'x' },
    })
    expect(locked.status).toBe(403)
    expect(locked.body.errors[0].message).toBe(
      'Translators may change only translated texts, not: category.',
    )
    // the unchanged value of a locked field is fine (the admin sends the whole form)
    const same = await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: { category: 'news', title: 'Bewacht 2' },
    })
    expect(same.status).toBe(200)
    expect(
      (await api.post('/posts?locale=de', { token: translator, body: { title: 'Neu' } })).status,
    ).toBe(403)
    expect((await api.delete(`/posts/${id}`, { token: translator })).status).toBe(403)
    const publish = await api.patch(`/posts/${id}?locale=de`, {
      token: translator,
      body: { _status: 'published' },
    })
    expect(publish.status).toBe(403)

    const stored = await draftInAllLocales(id)
    expect(stored.title).toMatchObject({ en: 'Guarded', de: 'Bewacht 2' })
    expect(stored.category).toBe('news')
  })

  test('GraphQL: the same rules', async () => {
    const denied = await api.graphql(
      `mutation { updatePost(id: "${id}", locale: en, draft: true, data: { title: "GQL" }) { id } }`,
      { token: translator },
    )
    expect(denied.body.errors[0].message).toBe('Translators may edit only de, not "en".')
    const ok = await api.graphql(
      `mutation { updatePost(id: "${id}", locale: de, draft: true, data: { title: "GQL de" }) { title } }`,
      { token: translator },
    )
    expect(ok.body.errors).toBeUndefined()
    expect(ok.body.data.updatePost.title).toBe('GQL de')
  })

  test('Local API with a user, and "copy to locale", follow the translator rules', async () => {
    await expect(
      local(ctx.payload).update({
        collection: 'posts',
        id,
        locale: 'fr',
        draft: true,
        data: { title: 'Français' },
        user: translatorUser,
        overrideAccess: false,
      }),
    ).rejects.toThrow('Translators may edit only de, not "fr".')
    await expect(
      local(ctx.payload).update({
        collection: 'notes',
        id: (await local(ctx.payload).create({ collection: 'notes', data: { text: 'x' } })).id,
        locale: 'de',
        data: { pinned: true },
        user: translatorUser,
        overrideAccess: false,
      }),
    ).rejects.toThrow('Translators may change only translated texts, not: pinned.')
    // The admin's "Copy to locale" server function, as the translator
    const req = await createLocalReq({ user: translatorUser as never }, ctx.payload)
    await expect(
      copyDataFromLocale({
        collectionSlug: 'posts',
        docID: id,
        fromLocale: 'de',
        toLocale: 'en',
        req,
      } as never),
    ).rejects.toThrow('Translators may edit only de, not "en".')
    const stored = await local(ctx.payload).findByID({
      collection: 'posts',
      id,
      locale: 'en',
      draft: true,
      depth: 0,
    })
    expect(stored.title).toBe('Guarded')
  })
})

describe('GET /api/posts/translation-status', () => {
  test('per document: empty fields, completeness, status and source locale', async () => {
    const id = await createEnglish('Half')
    await api.patch(`/posts/${id}?locale=de&draft=true`, {
      token: translator,
      body: { title: 'Halb' },
    })
    const res = await api.get('/posts/translation-status?locale=de', { token: translator })
    expect(res.status).toBe(200)
    expect(res.body.fields).toEqual(['title', 'summary', 'body'])
    expect(res.body.docs.find((d: { id: string }) => d.id === id)).toEqual({
      id,
      sourceLocale: 'en',
      status: 'in-progress',
      emptyFields: ['summary', 'body'],
      completeness: 33,
      // Posts have drafts without per-locale status: live, with the translator's newer draft.
      publication: 'changed',
    })
  })

  test('a missing or unknown locale is a 400, anonymous a 401', async () => {
    expect((await api.get('/posts/translation-status', { token: editor })).status).toBe(400)
    const unknown = await api.get('/posts/translation-status?locale=es', { token: editor })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toBe(
      'Query parameter "locale" must be one of: en, de, fr.',
    )
    expect((await api.get('/posts/translation-status?locale=de')).status).toBe(401)
  })
})

describe('required in some locale', () => {
  test('a new document needs the title in the locale written; a translation may leave it empty', async () => {
    const missing = await api.post('/posts?locale=en', {
      token: editor,
      body: { summary: 'No title', _status: 'published' },
    })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].data.errors[0].path).toBe('title')

    const id = await createEnglish('Titled')
    const german = await api.patch(`/posts/${id}?locale=de`, {
      token: editor,
      body: { summary: 'Nur Vorspann', _status: 'published' },
    })
    expect(german.status).toBe(200)
    const stored = await local(ctx.payload).findByID({
      collection: 'posts',
      id,
      locale: 'all',
      depth: 0,
    })
    expect(stored.summary.de).toBe('Nur Vorspann')
    expect(stored.title.en).toBe('Titled')
  })
})

describe('translator view', () => {
  test("an admin save answers with the locale's own values: an empty rich text stays empty, not English", async () => {
    const id = await createEnglish('Fallback check')
    // the URL the admin's "save draft" uses
    const res = await api.patch(`/posts/${id}?locale=de&depth=0&fallback-locale=null&draft=true`, {
      token: translator,
      body: { title: 'Fallback-Prüfung' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.title).toBe('Fallback-Prüfung')
    expect(res.body.doc.body ?? null).toBeNull()
    expect(res.body.doc.summary ?? null).toBeNull()
  })
})

describe('dashboard', () => {
  test('lists, per target locale, what is not done, with source titles, from the options the config passes', async () => {
    const id = await createEnglish('Dashboard story')
    const { serverProps } = (
      ctx.config.admin.components.beforeDashboard as unknown as { serverProps: any }[]
    )[0]!
    const element = await MissingTranslations({
      ...serverProps,
      payload: ctx.payload,
      user: translatorUser as never,
      i18n: { language: 'en' } as never,
    })
    const html = renderToStaticMarkup(element as React.ReactElement)
    expect(html).toContain('Waiting for German translation')
    expect(html).toContain('Waiting for FR translation')
    expect(html).toContain(`href="/admin/collections/posts/${id}?locale=de"`)
    expect(html).toContain('Dashboard story')
    const at = html.indexOf('missing-translations-heading-fr')
    const [german, french] = [html.slice(0, at), html.slice(at)]
    expect(german!.includes('Nur deutsch')).toBe(false) // written in German: needs no German …
    expect(french!.includes('Nur deutsch')).toBe(true) // … but French
  })
})

describe('list views', () => {
  test('an untitled row shows the source title marked with its language, not "<No Title>"', async () => {
    const english = await createEnglish('Only English')
    const posts = ctx.config.collections.find((c) => (c.slug as string) === 'posts')!
    const title = posts.fields.find((f) => 'name' in f && f.name === 'title')!
    const Cell = (title.admin as any).components.Cell
    expect(Cell).toMatchObject({ path: 'payload-plugin-translation-workflow/rsc#SourceTitleCell' })

    const cell = (cellData: unknown, id: string) =>
      SourceTitleCell({
        ...Cell.serverProps,
        cellData,
        collectionConfig: posts,
        collectionSlug: 'posts',
        field: title,
        i18n: {} as never,
        link: true,
        payload: ctx.payload,
        rowData: { id },
      }) as Promise<React.ReactElement<{ clientProps: { cellData: unknown; link: boolean } }>>
    // the German list: no German title yet
    expect((await cell(null, english)).props.clientProps).toMatchObject({
      cellData: '[EN] Only English',
      link: true,
    })
    // a title of its own is shown as is
    expect((await cell('Eigener Titel', english)).props.clientProps.cellData).toBe('Eigener Titel')
    // written in German (its language field), seen in the English list
    const german = await api.post('/posts?locale=de', {
      token: editor,
      body: { title: 'Deutsch zuerst', language: languages.de },
    })
    expect((await cell(undefined, german.body.doc.id)).props.clientProps.cellData).toBe(
      '[DE] Deutsch zuerst',
    )
  })
})
