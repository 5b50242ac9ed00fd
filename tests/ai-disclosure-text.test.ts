import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import type { Payload, SanitizedConfig } from 'payload'

import { resolveDisclosure, textHashOf } from 'payload-plugin-ai-disclosure'

import { articlePageGET } from '../src/features/site/handlers'
import { paragraphsToLexical } from '../src/utilities/richtext'
import { api as client } from './helpers/api'
import {
  bootPayload,
  loginAs,
  shutdown as shutdownApp,
  type TestContext as AppContext,
} from './helpers/payload'

// Issue 28: per-locale origin, a review bound to the text it approved, the publish rule, the
// append-only log and the label in every channel, on the app's own config.

let ctx: AppContext
let api: ReturnType<typeof client>
let editor: string
let translator: string
let robotKey: string

type AnyDoc = Record<string, any>
const local = (payload: Payload) => payload as unknown as Record<string, (a: AnyDoc) => any>

const settingsOf = (config: SanitizedConfig, slug: string) =>
  config.collections.find((c) => (c.slug as string) === slug)!.custom['ai-disclosure'] as {
    refuseUnreviewed: boolean
    rule: 'exempt-when-reviewed' | 'label-always'
  }

const read = async (id: string, locale: string, token = editor) =>
  (
    await api.get(`/articles/${id}?locale=${locale}&depth=0&draft=true&fallback-locale=none`, {
      token,
    })
  ).body as AnyDoc

const approve = (id: string, locale: string, token = editor) =>
  api.post(`/articles/${id}/approve?locale=${locale}`, { token })

const page = async (locale: string, slug: string) => {
  const res = await articlePageGET(ctx.config)(
    new Request(`http://localhost/${locale}/articles/${slug}`),
    { params: Promise.resolve({ locale, slug }) },
  )
  const html = await res.text()
  const jsonLd = JSON.parse(
    /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!,
  )
  return { html, jsonLd, status: res.status }
}

const logOf = async (docId: string) =>
  (
    await local(ctx.payload).find({
      collection: 'ai-disclosure-log',
      where: { docId: { equals: docId } },
      sort: 'createdAt',
      limit: 100,
    })
  ).docs as AnyDoc[]

describe('AI disclosure of texts per locale', () => {
  beforeAll(async () => {
    ctx = await bootPayload()
    api = client(ctx.config)
    editor = await loginAs(ctx.payload, 'disclosure-editor@example.com', ['editor'], {
      name: 'Erika Editor',
    })
    translator = await loginAs(ctx.payload, 'disclosure-translator@example.com', ['translator'], {
      translatorLocales: ['de'],
    })
    robotKey = 'robot-api-key-0123456789abcdef0123456789'
    await local(ctx.payload).create({
      collection: 'users',
      data: {
        email: 'robot@example.com',
        password: 'robot-password-123',
        roles: ['editor'],
        aiSystem: 'NewsBot 3',
        enableAPIKey: true,
        apiKey: robotKey,
      },
    })
  })
  afterAll(() => shutdownApp(ctx))

  test('the canonical text ignores Lexical noise and whitespace, not words', () => {
    const a = { title: ' Kim  gratuliert ', body: paragraphsToLexical(['Ein Satz.', 'Zweiter.']) }
    const b = {
      title: 'Kim gratuliert',
      body: JSON.parse(
        JSON.stringify(paragraphsToLexical(['Ein  Satz.', 'Zweiter.'])).replace(
          /"format":""/g,
          '"format":"left"',
        ),
      ),
    }
    expect(textHashOf(a, ['title', 'summary', 'body'])).toBe(
      textHashOf(b, ['title', 'summary', 'body']),
    )
    const c = { ...a, body: paragraphsToLexical(['Ein Satz!', 'Zweiter.']) }
    expect(textHashOf(c, ['title', 'summary', 'body'])).not.toBe(
      textHashOf(a, ['title', 'summary', 'body']),
    )
    // NFC: a decomposed umlaut is the same text
    expect(textHashOf({ title: 'Gru\u0308n' }, ['title'])).toBe(
      textHashOf({ title: 'Grün' }, ['title']),
    )
  })

  test('approve in German, edit a word, stale, re-approve; English untouched by the German save', async () => {
    const created = await api.post('/articles?locale=de&draft=true', {
      token: editor,
      body: {
        title: 'KI-Bericht',
        summary: 'Ein Lead.',
        body: paragraphsToLexical(['Der erste Satz.']),
        aiDisclosure: { origin: 'ai-generated', aiSystem: 'GPT' },
      },
    })
    expect(created.status).toBe(201)
    const id = String(created.body.doc.id)
    let de = await read(id, 'de')
    expect(de.aiDisclosure.origin).toBe('ai-generated')
    expect(de.aiDisclosure.textHash).toMatch(/^[0-9a-f]{64}$/)
    expect(de.aiDisclosure.reviewStatus).toBe('none')

    // English written by a person, approved
    await api.patch(`/articles/${id}?locale=en&draft=true`, {
      token: editor,
      body: {
        title: 'AI report',
        summary: 'A lead.',
        aiDisclosure: { origin: 'human-translated', sourceLocale: 'de' },
      },
    })
    expect((await approve(id, 'en')).status).toBe(200)
    expect((await read(id, 'en')).aiDisclosure.reviewStatus).toBe('current')
    // an English review does not count for German
    expect((await read(id, 'de')).aiDisclosure.reviewStatus).toBe('none')

    const ok = await approve(id, 'de')
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({
      locale: 'de',
      reviewStatus: 'current',
      reviewerName: 'Erika Editor',
    })
    de = await read(id, 'de')
    expect(de.aiDisclosure.review).toMatchObject({
      reviewerName: 'Erika Editor',
      hash: de.aiDisclosure.textHash,
    })
    expect(de.badges.map((b: AnyDoc) => b.label)).toEqual([
      'Von KI berichtet',
      'redaktionell geprüft',
    ])

    // the translator edits one German word: German goes stale, English stays current
    const edit = await api.patch(`/articles/${id}?locale=de&draft=true`, {
      token: translator,
      body: { body: paragraphsToLexical(['Der zweite Satz.']) },
    })
    expect(edit.status).toBe(200)
    de = await read(id, 'de')
    expect(de.aiDisclosure.origin).toBe('ai-generated') // the translator's save keeps the origin
    expect(de.aiDisclosure.reviewStatus).toBe('stale')
    expect(de.badges.map((b: AnyDoc) => b.type)).toEqual(['reported-by-ai'])
    expect((await read(id, 'en')).aiDisclosure.reviewStatus).toBe('current')
    expect((await approve(id, 'de', translator)).status).toBe(403)

    // re-approve through GraphQL
    const gql = await api.graphql(
      `mutation { approveAiDisclosure(collection: "articles", id: "${id}", locale: "de") { reviewStatus reviewerName } }`,
      {},
      { token: editor },
    )
    expect(gql.body.data.approveAiDisclosure).toEqual({
      reviewStatus: 'current',
      reviewerName: 'Erika Editor',
    })

    const events = (await logOf(id)).map((e) => `${e.event}:${e.locale}`)
    expect(events).toEqual(
      expect.arrayContaining([
        'origin:de',
        'origin:en',
        'review:en',
        'review:de',
        'stale-by-edit:de',
      ]),
    )
  })

  test('reviewer, time, fingerprint from a client are ignored (REST, GraphQL, Local API)', async () => {
    const doc = await local(ctx.payload).create({
      collection: 'articles',
      locale: 'de',
      draft: true,
      data: { title: 'Gefälscht?', aiDisclosure: { origin: 'ai-generated' } },
    })
    const id = String(doc.id)
    const forged = {
      reviewerName: 'Mallory',
      reviewedAt: '2020-01-01T00:00:00.000Z',
      hash: 'x',
      reviewerId: 'users:1',
    }
    const rest = await api.patch(`/articles/${id}?locale=de&draft=true`, {
      token: editor,
      body: { aiDisclosure: { review: forged, textHash: 'x' } },
    })
    expect(rest.status).toBe(200)
    await api.graphql(
      `mutation { updateArticle(id: "${id}", locale: de, draft: true, data: { aiDisclosure: { review: { reviewerName: "Mallory", hash: "x" }, textHash: "x" } }) { id } }`,
      {},
      { token: editor },
    )
    await local(ctx.payload).update({
      collection: 'articles',
      id,
      locale: 'de',
      draft: true,
      data: { aiDisclosure: { review: forged, textHash: 'x' } },
    })
    const de = await read(id, 'de')
    expect(de.aiDisclosure.review?.reviewerName ?? null).toBeNull()
    expect(de.aiDisclosure.textHash).toMatch(/^[0-9a-f]{64}$/)
    expect(de.aiDisclosure.reviewStatus).toBe('none')
  })

  test('AI → human needs a reason; an AI system account writes ai-generated unless it declares', async () => {
    const res = await api.post('/articles?locale=en&draft=true', {
      apiKey: robotKey,
      body: { title: 'Robot text' },
    })
    expect(res.status).toBe(201)
    const id = String(res.body.doc.id)
    const en = await read(id, 'en')
    expect(en.aiDisclosure).toMatchObject({ origin: 'ai-generated', aiSystem: 'NewsBot 3' })

    const declared = await api.post('/articles?locale=en&draft=true', {
      apiKey: robotKey,
      body: { title: 'Typed by a person', aiDisclosure: { origin: 'human' } },
    })
    expect((await read(String(declared.body.doc.id), 'en')).aiDisclosure.origin).toBe('human')

    const noReason = await api.patch(`/articles/${id}?locale=en&draft=true`, {
      token: editor,
      body: { aiDisclosure: { origin: 'human' } },
    })
    expect(noReason.status).toBe(400)
    const withReason = await api.patch(`/articles/${id}?locale=en&draft=true`, {
      token: editor,
      body: { aiDisclosure: { origin: 'human', humanReason: 'Rewritten by Erika from scratch.' } },
    })
    expect(withReason.status).toBe(200)
    expect((await read(id, 'en')).aiDisclosure.origin).toBe('human')
  })

  test('the label on the reader page, JSON-LD, the teaser; publish rule and refusal', async () => {
    const teaser = await local(ctx.payload).create({
      collection: 'related-articles',
      locale: 'de',
      data: {
        summary: 'Ein maschinell übersetzter Anriss.',
        aiDisclosure: { origin: 'machine-translated', sourceLocale: 'en' },
      },
    })
    const created = await api.post('/articles?locale=en', {
      token: editor,
      body: {
        _status: 'published',
        title: 'Machine translated story',
        slug: 'machine-translated-story',
        body: paragraphsToLexical(['Original English.']),
        relatedArticles: [teaser.id],
        aiDisclosure: { origin: 'human' },
      },
    })
    const id = String(created.body.doc.id)
    const german = await api.patch(`/articles/${id}?locale=de`, {
      token: editor,
      body: {
        _status: 'published',
        title: 'Maschinell übersetzte Geschichte',
        body: paragraphsToLexical(['Übersetzt.']),
        aiDisclosure: {
          origin: 'machine-translated',
          sourceLocale: 'en',
          translationSystem: 'DeepL',
        },
      },
    })
    expect(german.status).toBe(200)

    const de = await page('de', 'machine-translated-story')
    expect(de.status).toBe(200)
    expect(de.html).toContain('Maschinell übersetzt aus dem Englischen')
    expect(de.jsonLd).toMatchObject({
      inLanguage: 'de',
      digitalSourceType: 'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
      translationOfWork: { inLanguage: 'en' },
    })
    // the teaser by its own state
    expect(de.html).toMatch(/data-teaser[\s\S]*Maschinell übersetzt aus dem Englischen/)
    const en = await page('en', 'machine-translated-story')
    // the English article is a person's; its teaser shows its German text (fallback) with that label
    const [article, related] = en.html.split('class="related"')
    expect(article).not.toContain('data-badge')
    expect(related).toContain('Machine-translated from English')
    expect(en.jsonLd.digitalSourceType).toBeUndefined()

    // the publish rule refuses unreviewed AI texts when asked to
    const settings = settingsOf(ctx.config, 'articles')
    settings.refuseUnreviewed = true
    try {
      const refused = await api.patch(`/articles/${id}?locale=de`, {
        token: editor,
        body: { _status: 'published', title: 'Maschinell übersetzt, geändert' },
      })
      expect(refused.status).toBe(403)
      expect(JSON.stringify(refused.body)).toContain('no current editorial review')
      const all = await api.patch(`/articles/${id}?locale=en&publishAllLocales=true`, {
        token: editor,
        body: { _status: 'published' },
      })
      expect(all.status).toBe(403)
      // a scheduled publish the rule refuses at run time: in the log, the job done, no retry
      await api.patch(`/articles/${id}?locale=de&draft=true`, {
        token: editor,
        body: { title: 'Geplant, geändert' },
      })
      const job = await ctx.payload.jobs.queue({
        task: 'schedulePublish',
        input: { type: 'publish', locale: 'de', doc: { relationTo: 'articles', value: id } },
      } as never)
      await ctx.payload.jobs.runByID({ id: job.id })
      const refusals = (await logOf(id)).filter((e) => e.event === 'publish-refused')
      expect(refusals.map((e) => [e.locale, e.details.scheduled])).toEqual([['de', true]])
      const left = await local(ctx.payload).find({
        collection: 'payload-jobs',
        where: { id: { equals: job.id } },
      })
      // completed (Payload then deletes it), not waiting for a retry
      expect(left.docs.filter((j: AnyDoc) => !j.completedAt)).toEqual([])
      // an approve of the draft, then the German publish passes
      expect((await approve(id, 'de')).status).toBe(200)
      const passes = await api.patch(`/articles/${id}?locale=de`, {
        token: editor,
        body: { _status: 'published' },
      })
      expect(passes.status).toBe(200)
    } finally {
      settings.refuseUnreviewed = false
    }
    // exempt-when-reviewed: reviewed and a named editorial responsibility → no label
    settings.rule = 'exempt-when-reviewed'
    try {
      await api.patch(`/articles/${id}?locale=de`, {
        token: editor,
        body: { aiDisclosure: { editorialResponsibility: 'Newsroom GmbH' } },
      })
      await approve(id, 'de')
      const doc = await read(id, 'de')
      expect(resolveDisclosure(doc, 'de', { rule: 'exempt-when-reviewed' }).labelled).toBe(false)
      expect(doc.badges).toEqual([])
    } finally {
      settings.rule = 'label-always'
    }
    const events = (await logOf(id)).filter((e) => e.event === 'publish')
    expect(events.map((e) => [e.locale, e.labelled])).toEqual(
      expect.arrayContaining([
        ['en', false],
        ['de', true],
      ]),
    )
  })

  test('a fallback read shows the badges of the text it shows, worded in the asked language', async () => {
    // English written by an AI system; German machine-translated, published, then unpublished.
    const created = await api.post('/articles?locale=en', {
      token: editor,
      body: {
        _status: 'published',
        title: 'Reported by a machine',
        slug: 'fallback-badges-story',
        body: paragraphsToLexical(['Written by a model.']),
        aiDisclosure: { origin: 'ai-generated', aiSystem: 'NewsBot 3' },
      },
    })
    expect(created.status).toBe(201)
    const id = String(created.body.doc.id)
    // German: published machine-translated, then unpublished (the published version keeps its text)
    const german = await api.patch(`/articles/${id}?locale=de`, {
      token: editor,
      body: {
        _status: 'published',
        title: 'Maschinell übersetzt, dann zurückgezogen',
        aiDisclosure: { origin: 'machine-translated', sourceLocale: 'en' },
      },
    })
    expect(german.status).toBe(200)
    expect(
      (await api.patch(`/articles/${id}?locale=de`, { token: editor, body: { _status: 'draft' } }))
        .status,
    ).toBe(200)
    await api.patch(`/articles/${id}?locale=en`, {
      token: editor,
      body: { _status: 'published', title: 'Reported by a machine, updated' },
    })
    const anonymous = async (query: string) =>
      (await api.get(`/articles/${id}?${query}`)).body as AnyDoc
    const de = await anonymous('locale=de&depth=0')
    expect(de.title).toBe('Reported by a machine, updated')
    expect(JSON.stringify(de)).not.toMatch(/Maschinell|machine-translated/)
    expect(de.badges).toEqual([{ type: 'reported-by-ai', label: 'Von KI berichtet' }])
    // with `select`, and through GraphQL
    const selected = await anonymous('locale=de&depth=0&select[title]=true&select[badges]=true')
    expect(selected.badges).toEqual(de.badges)
    const gql = await api.post('/graphql', {
      body: {
        query: `{ Article(id: "${id}", locale: de) { title badges { type label } } }`,
      },
    })
    expect(gql.body.data.Article.badges).toEqual(de.badges)
    // no fallback: the texts are emptied, and so are their labels
    const none = await anonymous('locale=de&depth=0&fallback-locale=none')
    expect(none.title ?? null).toBeNull()
    expect(none.badges).toEqual([])
  })

  test('the log cannot be created, changed or deleted by any route or role', async () => {
    const admin = await loginAs(ctx.payload, 'disclosure-admin@example.com', ['admin'])
    const [entry] = (await local(ctx.payload).find({ collection: 'ai-disclosure-log', limit: 1 }))
      .docs as AnyDoc[]
    expect(entry).toBeDefined()
    const id = String(entry!.id)
    expect(
      (await api.post('/ai-disclosure-log', { token: admin, body: { event: 'review' } })).status,
    ).toBe(403)
    expect(
      (await api.patch(`/ai-disclosure-log/${id}`, { token: admin, body: { origin: 'human' } }))
        .status,
    ).toBe(403)
    expect((await api.delete(`/ai-disclosure-log/${id}`, { token: admin })).status).toBe(403)
    expect(
      (await api.delete(`/ai-disclosure-log?where[id][exists]=true`, { token: admin })).status,
    ).not.toBe(200)
    const gql = await api.graphql(
      `mutation { deleteAiDisclosureLog(id: "${id}") { id } }`,
      {},
      { token: admin },
    )
    expect(gql.body.errors?.length).toBeGreaterThan(0)
    const p = local(ctx.payload)
    await expect(
      p.update({ collection: 'ai-disclosure-log', id, data: { origin: 'x' } }),
    ).rejects.toThrow(/append-only/)
    await expect(p.delete({ collection: 'ai-disclosure-log', id })).rejects.toThrow(/append-only/)
    await expect(
      p.update({
        collection: 'ai-disclosure-log',
        where: { id: { exists: true } },
        data: { origin: 'x' },
      }),
    ).rejects.toThrow(/append-only/)
    await expect(
      p.create({
        collection: 'ai-disclosure-log',
        data: {
          event: 'review',
          at: new Date().toISOString(),
          collection: 'articles',
          docId: '1',
          locale: 'de',
        },
      }),
    ).rejects.toThrow(/append-only/)
    const still = await p.findByID({ collection: 'ai-disclosure-log', id })
    expect(still).toEqual(entry)
    // readable by editors, not translators; exports
    expect((await api.get('/ai-disclosure-log', { token: translator })).status).toBe(403)
    const from = new Date(Date.now() - 3_600_000).toISOString()
    const to = new Date(Date.now() + 3_600_000).toISOString()
    const csv = await api.get(`/ai-disclosure/log/export?from=${from}&to=${to}&format=csv`, {
      token: editor,
    })
    expect(csv.status).toBe(200)
    expect(String(csv.body).split('\r\n')[0]).toMatch(/^at,event,collection,docId,locale/)
    const json = await api.get(`/ai-disclosure/log/export?from=${from}&to=${to}`, { token: editor })
    expect(json.body.entries.length).toBeGreaterThan(3)
    expect(
      (await api.get(`/ai-disclosure/log/export?from=${from}&to=${to}`, { token: translator }))
        .status,
    ).toBe(403)
    const compliance = await api.get('/ai-disclosure/compliance', { token: editor })
    expect(compliance.status).toBe(200)
    const deArticles = compliance.body.report.find(
      (r: AnyDoc) => r.collection === 'articles' && r.locale === 'de',
    )
    expect(deArticles.counts['machine-translated']).toBeGreaterThan(0)
    // the machine-translated teaser is live (teasers have no drafts) and was never reviewed
    const deTeasers = compliance.body.report.find(
      (r: AnyDoc) => r.collection === 'related-articles' && r.locale === 'de',
    )
    expect(deTeasers.liveUnreviewed.map((r: AnyDoc) => r.origin)).toContain('machine-translated')
    // translators do not see it
    expect((await api.get('/ai-disclosure/compliance', { token: translator })).status).toBe(403)
  })
})
