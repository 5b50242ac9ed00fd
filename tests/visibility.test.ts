import crypto from 'node:crypto'

import { afterAll, describe, expect, test } from '@jest/globals'
import { createLocalReq, type TypedUser } from 'payload'

import type { LocalePublicationChange } from '../src/features/publishing/localePublication'
import {
  backfillLive,
  onLocalePublicationChange,
  visibleLocales,
} from '../src/features/publishing/localePublication'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown } from './helpers/payload'
import { createDeveloper } from './helpers/users'

// The per-locale visibility model (docs/publishing.md): readers without draft access
// never match, count or order by the text of a locale they may not read, through any query
// feature; `draft=true` is the plain read for them; each locale keeps its first publication time;
// a change of a locale's publication is announced once.
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { payload } = ctx
const client = api(ctx.config)

const editorToken = await loginAs(payload, 'editor-visibility@example.com', ['editor'])
const editor = {
  ...(
    await payload.find({
      collection: 'users',
      where: { email: { equals: 'editor-visibility@example.com' } },
    })
  ).docs[0],
  collection: 'users',
} as unknown as TypedUser
const { apiKey: developerKey } = await createDeveloper(
  payload,
  'developer-visibility@example.com',
  {
    canReadDrafts: false,
  },
)

type Locale = 'en' | 'de'
type State = 'en-only' | 'de-only' | 'both' | 'de-unpublished' | 'de-saved-never-published'
const STATES: State[] = ['en-only', 'de-only', 'both', 'de-unpublished', 'de-saved-never-published']

type Article = {
  id: string
  state: State
  /** a teaser the article lists (its `usedIn` join leads back to the article) */
  teaser: string
  /** text stored in a locale that readers may not read */
  hidden: { locale: Locale; text: string }[]
  /** text of a published locale */
  visible: { locale: Locale; text: string }[]
}

const word = (state: string, locale: string) =>
  `w${crypto.randomBytes(4).toString('hex')}-${state}-${locale}`

const publish = (id: string, locale: Locale, title: string) =>
  payload.update({
    collection: 'articles',
    id,
    locale,
    data: { title, _status: 'published' },
    user: editor,
    overrideAccess: false,
  })

/** Builds one article in the given state; every title is a word found nowhere else. */
async function make(state: State): Promise<Article> {
  const en = word(state, 'en')
  const de = word(state, 'de')
  const teaser = String(
    (
      await payload.create({
        collection: 'related-articles',
        locale: 'en',
        data: { summary: `listed by ${state}` },
      })
    ).id,
  )
  const created = await payload.create({
    collection: 'articles',
    locale: 'en',
    draft: true,
    data: { title: en, _status: 'draft', relatedArticles: [teaser] },
  })
  const id = created.id as string
  const made = await build(id, state, en, de)
  return { ...made, teaser }
}

async function build(
  id: string,
  state: State,
  en: string,
  de: string,
): Promise<Omit<Article, 'teaser'>> {
  const texts = { en, de }
  const entry = (locale: Locale) => ({ locale, text: texts[locale] })
  // The article as built: which locales' titles readers see and which they must not.
  const visibleIn = (...locales: Locale[]) => ({
    id,
    state,
    hidden: (['en', 'de'] as const).filter((l) => !locales.includes(l)).map(entry),
    visible: locales.map(entry),
  })
  switch (state) {
    case 'en-only':
      await publish(id, 'en', en)
      // a German draft exists only as a version
      await payload.update({
        collection: 'articles',
        id,
        locale: 'de',
        draft: true,
        data: { title: de },
      })
      return visibleIn('en')
    case 'de-only':
      // English saved into the document without publishing it
      await payload.update({ collection: 'articles', id, locale: 'en', data: { title: en } })
      await publish(id, 'de', de)
      return visibleIn('de')
    case 'both':
      await publish(id, 'en', en)
      await publish(id, 'de', de)
      return visibleIn('en', 'de')
    case 'de-unpublished':
      await publish(id, 'en', en)
      await publish(id, 'de', de)
      await payload.update({ collection: 'articles', id, locale: 'de', data: { _status: 'draft' } })
      return visibleIn('en')
    case 'de-saved-never-published':
      await publish(id, 'en', en)
      await payload.update({ collection: 'articles', id, locale: 'de', data: { title: de } })
      return visibleIn('en')
  }
}

const articles: Article[] = []
for (const state of STATES) articles.push(await make(state))

// Teasers pointing at each article (their own text is public: teasers have no drafts).
for (const a of articles)
  await payload.create({
    collection: 'related-articles',
    locale: 'en',
    data: { summary: `teaser of ${a.state}`, article: a.id },
  })

type Reader = { name: string; auth: { apiKey?: string } }
const READERS: Reader[] = [
  { name: 'anonymous', auth: {} },
  { name: 'developer without canReadDrafts', auth: { apiKey: developerKey } },
]

/** Every probe answers how many documents match `text` in `locale` (null: refused with a 400). */
type Probe = (reader: Reader, locale: Locale, text: string) => Promise<number | null>

const rest = async (reader: Reader, path: string) => {
  const res = await client.get(path, reader.auth)
  if (res.status === 400) return null
  expect(res.status).toBe(200)
  return res.body.totalDocs as number
}
const gql = async (reader: Reader, query: string) => {
  const res = await client.graphql(query, {}, reader.auth)
  if (res.body.errors) {
    expect(res.body.errors[0].extensions?.statusCode).toBe(400)
    return null
  }
  return res.body.data
}
const esc = encodeURIComponent

const PROBES: Record<string, Probe> = {
  'REST where like': (r, l, t) =>
    rest(r, `/articles?locale=${l}&depth=0&where[title][like]=${esc(t)}`),
  'REST where equals': (r, l, t) =>
    rest(r, `/articles?locale=${l}&depth=0&where[title][equals]=${esc(t)}`),
  'REST where in (with other guesses)': (r, l, t) =>
    rest(r, `/articles?locale=${l}&depth=0&where[title][in]=guess-a,guess-b,${esc(t)}`),
  'REST where on the path with the locale (title.<locale>) from the other locale': (r, l, t) =>
    rest(
      r,
      `/articles?locale=${l === 'en' ? 'de' : 'en'}&depth=0&where[title.${l}][like]=${esc(t)}`,
    ),
  'REST where inside or': (r, l, t) =>
    rest(
      r,
      `/articles?locale=${l}&depth=0&where[or][0][title][like]=${esc(t)}&where[or][1][slug][equals]=nothing`,
    ),
  'REST count': (r, l, t) => rest(r, `/articles/count?locale=${l}&where[title][like]=${esc(t)}`),
  'REST draft=true list': (r, l, t) =>
    rest(r, `/articles?locale=${l}&draft=true&depth=0&where[title][like]=${esc(t)}`),
  'REST locale=all': (r, _l, t) =>
    rest(r, `/articles?locale=all&depth=0&where[title][like]=${esc(t)}`),
  'REST locale=*': (r, _l, t) => rest(r, `/articles?locale=*&depth=0&where[title][like]=${esc(t)}`),
  "teasers' join usedIn where[title]": async (r, l, t) => {
    const a = articles.find((x) => [...x.hidden, ...x.visible].some((h) => h.text === t))!
    const res = await client.get(
      `/related-articles/${a.teaser}?locale=${l}&depth=0&joins[usedIn][where][title][like]=${esc(t)}`,
      r.auth,
    )
    if (res.status === 400) return null
    expect(res.status).toBe(200)
    return res.body.usedIn.docs.length
  },
  "teasers' where[article.title]": (r, l, t) =>
    rest(r, `/related-articles?locale=${l}&depth=0&where[article.title][like]=${esc(t)}`),
  'GraphQL where': async (r, l, t) => {
    const data = await gql(
      r,
      `{ Articles(locale: ${l}, where: { title: { like: ${JSON.stringify(t)} } }) { totalDocs } }`,
    )
    return data ? data.Articles.totalDocs : null
  },
  'GraphQL draft: true where': async (r, l, t) => {
    const data = await gql(
      r,
      `{ Articles(locale: ${l}, draft: true, where: { title: { equals: ${JSON.stringify(t)} } }) { totalDocs } }`,
    )
    return data ? data.Articles.totalDocs : null
  },
  'GraphQL count': async (r, l, t) => {
    const data = await gql(
      r,
      `{ countArticles(locale: ${l}, where: { title: { like: ${JSON.stringify(t)} } }) { totalDocs } }`,
    )
    return data ? data.countArticles.totalDocs : null
  },
  'Local API (overrideAccess: false)': async (r, l, t) => {
    if (r.auth.apiKey) return await rest(r, `/articles?locale=${l}&where[title][like]=${esc(t)}`)
    const res = await payload.count({
      collection: 'articles',
      locale: l,
      where: { title: { like: t } },
      overrideAccess: false,
    })
    return res.totalDocs
  },
}

const matrix = READERS.flatMap((reader) =>
  Object.keys(PROBES).flatMap((probe) => STATES.map((state) => ({ reader, probe, state }))),
)

describe(`hidden locale text never matches: ${matrix.length} cases`, () => {
  test.each(matrix.map((c) => [`${c.reader.name} · ${c.probe} · ${c.state}`, c] as const))(
    '%s',
    async (_name, c) => {
      const article = articles.find((a) => a.state === c.state)!
      const probe = PROBES[c.probe]!
      for (const { locale, text } of article.hidden) {
        const n = await probe(c.reader, locale, text)
        expect({ locale, text, matches: n ?? 0 }).toEqual({ locale, text, matches: 0 })
      }
      // the same probe finds published text (so a probe that never matches cannot pass)
      const allLocales = c.probe.includes('locale=')
      for (const { locale, text } of article.visible) {
        const n = await probe(c.reader, locale, text)
        if (allLocales) expect(n === null || n === 1).toBe(true)
        else expect({ locale, text, matches: n }).toEqual({ locale, text, matches: 1 })
      }
    },
  )
})

const ids = articles.map((a) => a.id)
const publishedIn = (l: Locale) =>
  articles
    .filter((a) => a.visible.some((v) => v.locale === l))
    .map((a) => a.id)
    .sort()

describe('sorting by a localized field orders only documents published in that locale', () => {
  test.each(
    READERS.flatMap((reader) =>
      (['en', 'de'] as const).flatMap((l) =>
        (['title', '-title'] as const).map(
          (sort) => [`${reader.name} · ${l} · ${sort}`, reader, l, sort] as const,
        ),
      ),
    ),
  )('%s', async (_name, reader, l, sort) => {
    const res = await client.get(
      `/articles?locale=${l}&depth=0&limit=100&sort=${sort}&where[id][in]=${ids.join(',')}`,
      reader.auth,
    )
    expect(res.status).toBe(200)
    expect(res.body.docs.map((d: { id: string }) => d.id).sort()).toEqual(publishedIn(l))
    const data = await gql(
      reader,
      `{ Articles(locale: ${l}, sort: "${sort}", limit: 100, where: { id: { in: [${ids.map((i) => JSON.stringify(i)).join(',')}] } }) { docs { id } } }`,
    )
    expect(data.Articles.docs.map((d: { id: string }) => d.id).sort()).toEqual(publishedIn(l))
    // teasers ordered by their article's title: only articles published in that locale
    const teasers = await client.get(
      `/related-articles?locale=${l}&depth=0&limit=100&sort=${sort.replace('title', 'article.title')}&where[article][in]=${ids.join(',')}`,
      reader.auth,
    )
    expect(teasers.status).toBe(200)
    expect(teasers.body.docs.map((d: { article: string }) => d.article).sort()).toEqual(
      publishedIn(l),
    )
    // locale=all with a sort on a localized field is refused
    expect(
      (await client.get(`/articles?locale=all&depth=0&sort=${sort}`, reader.auth)).status,
    ).toBe(400)
  })
})

describe('a path through a has-many relation checks the same related document', () => {
  test("articles' where[relatedArticles.article.title] (one teaser's article hidden, another's live)", async () => {
    const hidden = articles.find((a) => a.state === 'de-unpublished')!
    const live = articles.find((a) => a.state === 'both')!
    const teasers = []
    for (const target of [hidden, live])
      teasers.push(
        (
          await payload.create({
            collection: 'related-articles',
            locale: 'en',
            data: { summary: 'pair', article: target.id },
          })
        ).id,
      )
    const parent = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title: word('parent', 'en'), _status: 'published', relatedArticles: teasers },
    })
    await publish(parent.id, 'de', word('parent', 'de'))
    for (const reader of READERS) {
      const q = (text: string) =>
        rest(
          reader,
          `/articles?locale=de&depth=0&where[id][equals]=${parent.id}&where[relatedArticles.article.title][like]=${esc(text)}`,
        )
      expect(await q(hidden.hidden[0]!.text)).toBe(0)
      expect(await q(live.visible.find((v) => v.locale === 'de')!.text)).toBe(1)
    }
  })
})

// A lean list (docs/api.md) asks Payload for some fields only: `select` on the article, `populate` on
// what it populates; neither may bring back a locale the reader may not read.
describe('select and populate answer no hidden text', () => {
  const ids = articles.map((a) => a.id).join(',')
  const reads = (locale: string) => ({
    'articles with select, teasers with populate': `/articles?locale=${locale}&depth=1&limit=100&where[id][in]=${ids}&select[title]=true&select[summary]=true&select[relatedArticles]=true&populate[related-articles][summary]=true`,
    'one article with select': (id: string) =>
      `/articles/${id}?locale=${locale}&depth=0&select[title]=true`,
    "teasers with their articles' titles through populate": `/related-articles?locale=${locale}&depth=1&limit=50&where[article][in]=${ids}&select[summary]=true&select[article]=true&populate[articles][title]=true`,
  })
  test.each(
    READERS.flatMap((reader) =>
      (['en', 'de', 'all'] as const).map((locale) => [reader.name, locale, reader] as const),
    ),
  )('%s · locale=%s', async (_name, locale, reader) => {
    const r = reads(locale)
    const answers: Record<string, string> = {}
    for (const [name, path] of Object.entries(r)) {
      if (typeof path === 'string') {
        const res = await client.get(path, reader.auth)
        expect({ name, status: res.status }).toEqual({ name, status: 200 })
        answers[name] = JSON.stringify(res.body)
      } else
        for (const a of articles) {
          const res = await client.get(path(a.id), reader.auth)
          // an article not published in the locale may be refused; what is answered is checked
          answers[`${name} ${a.state}`] = JSON.stringify(res.body)
        }
    }
    for (const [name, body] of Object.entries(answers))
      for (const a of articles)
        for (const { text } of a.hidden)
          expect({ name, state: a.state, leaks: body.includes(text) }).toEqual({
            name,
            state: a.state,
            leaks: false,
          })
    // The same reads show the published titles (so a read that answers nothing cannot pass).
    for (const a of articles)
      for (const { locale: l, text } of a.visible) {
        if (locale !== 'all' && l !== locale) continue
        for (const name of [
          'articles with select, teasers with populate',
          "teasers with their articles' titles through populate",
        ])
          expect({ name, state: a.state, text, shown: answers[name]!.includes(text) }).toEqual({
            name,
            state: a.state,
            text,
            shown: true,
          })
      }
  })
})

describe('locale=all names only the published locales, `_status` included', () => {
  // `_status: { en: 'published', de: 'draft' }` told anonymous readers that a hidden German exists.
  const published = (a: Article) => a.visible.map((v) => v.locale).sort()
  const statusOf = (body: { _status?: unknown }) => body._status as Record<string, unknown>
  test.each(READERS.map((reader) => [reader.name, reader] as const))(
    '%s: REST one article and the list, Local API with overrideAccess: false',
    async (_name, reader) => {
      for (const a of articles) {
        const expected = Object.fromEntries(published(a).map((l) => [l, 'published']))
        const one = await client.get(`/articles/${a.id}?locale=all&depth=0`, reader.auth)
        expect({ state: a.state, status: statusOf(one.body) }).toEqual({
          state: a.state,
          status: expected,
        })
        // every localized field has the same locales as `_status`
        expect({ state: a.state, title: Object.keys(one.body.title).sort() }).toEqual({
          state: a.state,
          title: published(a),
        })
        const list = await client.get(
          `/articles?locale=all&depth=0&where[id][equals]=${a.id}`,
          reader.auth,
        )
        expect({ state: a.state, status: statusOf(list.body.docs[0]) }).toEqual({
          state: a.state,
          status: expected,
        })
        const local = await payload.findByID({
          collection: 'articles',
          id: a.id,
          locale: 'all',
          depth: 0,
          overrideAccess: false,
        })
        expect({ state: a.state, status: statusOf(local) }).toEqual({
          state: a.state,
          status: expected,
        })
      }
    },
  )

  test("staff still read every locale's status", async () => {
    const a = articles.find((x) => x.state === 'de-unpublished')!
    const res = await client.get(`/articles/${a.id}?locale=all&depth=0`, { token: editorToken })
    expect(res.body._status).toEqual({ en: 'published', de: 'draft' })
  })
})

describe('staff still see drafts and unpublished text', () => {
  test('an editor matches hidden text with draft=true and in the stored document', async () => {
    for (const a of articles)
      for (const { locale, text } of a.hidden) {
        const res = await client.get(
          `/articles?locale=${locale}&draft=true&depth=0&where[title][equals]=${esc(text)}`,
          { token: editorToken },
        )
        expect({ state: a.state, n: res.body.totalDocs }).toEqual({ state: a.state, n: 1 })
      }
  })
})

describe('draft=true is the plain read for readers without draft access', () => {
  let id: string
  test('setup: published in both, then an English draft', async () => {
    const created = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title: 'Plain EN', _status: 'published' },
    })
    id = created.id
    await publish(id, 'de', 'Plain DE')
    await payload.update({
      collection: 'articles',
      id,
      locale: 'en',
      draft: true,
      data: { title: 'Draft EN' },
      user: editor,
      overrideAccess: false,
    })
    const staff = await client.get(`/articles/${id}?locale=en&draft=true&depth=0`, {
      token: editorToken,
    })
    expect(staff.body.title).toBe('Draft EN')
  })
  const pick = (d: Record<string, unknown>) => ({
    id: d.id,
    title: d.title,
    _status: d._status,
    summary: d.summary,
  })
  test.each(
    READERS.flatMap((r) =>
      ['', 'en', 'de'].map((l) => [`${r.name} · locale=${l || '(default)'}`, r, l] as const),
    ),
  )('%s', async (_name, reader, l) => {
    const q = l ? `&locale=${l}` : ''
    const plain = await client.get(`/articles/${id}?depth=0${q}`, reader.auth)
    const draft = await client.get(`/articles/${id}?draft=true&depth=0${q}`, reader.auth)
    expect(plain.status).toBe(200)
    expect(pick(draft.body)).toEqual(pick(plain.body))
    expect(plain.body.title).toBe(l === 'de' ? 'Plain DE' : 'Plain EN')
    const list = (draft: boolean) =>
      client.get(
        `/articles?depth=0&where[id][equals]=${id}${q}${draft ? '&draft=true' : ''}`,
        reader.auth,
      )
    expect((await list(true)).body.docs.map(pick)).toEqual((await list(false)).body.docs.map(pick))
    const loc = l ? `, locale: ${l}` : ''
    const one = async (draft: boolean) =>
      (
        await client.graphql(
          `{ Article(id: ${JSON.stringify(id)}, draft: ${draft}${loc}) { id title _status } }`,
          {},
          reader.auth,
        )
      ).body
    const g = await one(true)
    expect(g).toEqual(await one(false))
    expect(g.data.Article.title).toBe(l === 'de' ? 'Plain DE' : 'Plain EN')
    const many = async (draft: boolean) =>
      (
        await client.graphql(
          `{ Articles(draft: ${draft}${loc}, where: { id: { equals: ${JSON.stringify(id)} } }) { docs { id title _status } } }`,
          {},
          reader.auth,
        )
      ).body
    expect(await many(true)).toEqual(await many(false))
  })
  test('Local API with overrideAccess: false and no user', async () => {
    const read = (draft: boolean) =>
      payload.findByID({
        collection: 'articles',
        id,
        locale: 'en',
        draft,
        depth: 0,
        overrideAccess: false,
      })
    const [d, p] = await Promise.all([read(true), read(false)])
    expect(d.title).toBe('Plain EN')
    expect(pick(d as never)).toEqual(pick(p as never))
  })
})

describe('firstPublishedAt per locale', () => {
  const readBack = async (id: string) => {
    const local = (await payload.findByID({ collection: 'articles', id, depth: 0 })).publication
    const restBody = (await client.get(`/articles/${id}?depth=0`, { token: editorToken })).body
      .publication
    const g = await client.graphql(
      `{ Article(id: ${JSON.stringify(id)}) { publication { en { live firstPublishedAt } de { live firstPublishedAt } } } }`,
      {},
      { token: editorToken },
    )
    const norm = (p: any) => ({
      en: { live: Boolean(p?.en?.live), firstPublishedAt: p?.en?.firstPublishedAt ?? null },
      de: { live: Boolean(p?.de?.live), firstPublishedAt: p?.de?.firstPublishedAt ?? null },
    })
    expect(norm(restBody)).toEqual(norm(local))
    expect(norm(g.body.data.Article.publication)).toEqual(norm(local))
    return norm(local)
  }

  const patchStatus = async (id: string, locale: Locale, body: Record<string, unknown>) =>
    (await client.patch(`/articles/${id}?locale=${locale}`, { token: editorToken, body })).status

  test('set once on first publish, kept through unpublish and republish, per locale', async () => {
    const created = await client.post('/articles?locale=en', {
      token: editorToken,
      body: { title: 'First EN', _status: 'draft' },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as string
    expect(await readBack(id)).toEqual({
      en: { live: false, firstPublishedAt: null },
      de: { live: false, firstPublishedAt: null },
    })
    const before = Date.now()
    expect(await patchStatus(id, 'en', { _status: 'published' })).toBe(200)
    const first = await readBack(id)
    expect(first.en.live).toBe(true)
    expect(first.de).toEqual({ live: false, firstPublishedAt: null })
    const t = new Date(first.en.firstPublishedAt!).getTime()
    expect(t).toBeGreaterThanOrEqual(before - 1000)
    expect(t).toBeLessThanOrEqual(Date.now())

    await new Promise((r) => setTimeout(r, 20))
    expect(await patchStatus(id, 'en', { _status: 'draft' })).toBe(200)
    expect(await readBack(id)).toEqual({
      en: { live: false, firstPublishedAt: first.en.firstPublishedAt },
      de: first.de,
    })
    expect(await patchStatus(id, 'en', { _status: 'published' })).toBe(200)
    expect(await patchStatus(id, 'de', { title: 'First DE', _status: 'published' })).toBe(200)
    const after = await readBack(id)
    expect(after.en).toEqual({ live: true, firstPublishedAt: first.en.firstPublishedAt })
    expect(after.de.live).toBe(true)
    expect(new Date(after.de.firstPublishedAt!).getTime()).toBeGreaterThan(t)

    // anonymous readers get it for the published locales only, and cannot match it otherwise
    const anon = await client.get(`/articles/${id}?depth=0`)
    expect(anon.body.publication.en.firstPublishedAt).toBe(first.en.firstPublishedAt)
    expect(await patchStatus(id, 'de', { _status: 'draft' })).toBe(200)
    const hidden = await client.get(`/articles/${id}?depth=0`)
    expect(hidden.body.publication.de).toEqual({ live: false, firstPublishedAt: null })
    const probe = `/articles?depth=0&where[id][equals]=${id}&where[publication.de.firstPublishedAt][exists]=true`
    expect((await client.get(probe)).body.totalDocs).toBe(0)
    expect((await client.get(probe, { token: editorToken })).body.totalDocs).toBe(1)
    expect((await readBack(id)).de.firstPublishedAt).toBe(after.de.firstPublishedAt)
  })

  test('not writable by clients (REST, GraphQL, Local API with overrideAccess: false)', async () => {
    const forged = {
      en: { live: true, firstPublishedAt: '2001-01-01T00:00:00.000Z' },
      de: { live: true, firstPublishedAt: '2001-01-01T00:00:00.000Z' },
    }
    const created = await client.post('/articles?locale=en', {
      token: editorToken,
      body: { title: 'Forged', _status: 'draft', publication: forged },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as string
    const clean = {
      en: { live: false, firstPublishedAt: null },
      de: { live: false, firstPublishedAt: null },
    }
    expect(await readBack(id)).toEqual(clean)
    await client.patch(`/articles/${id}?locale=en`, {
      token: editorToken,
      body: { title: 'Forged 2', publication: forged },
    })
    await client.graphql(
      `mutation { updateArticle(id: ${JSON.stringify(id)}, locale: en, data: { title: "Forged 3", publication: { en: { live: true, firstPublishedAt: "2001-01-01T00:00:00.000Z" } } }) { id } }`,
      {},
      { token: editorToken },
    )
    await payload
      .update({
        collection: 'articles',
        id,
        locale: 'en',
        data: { publication: forged } as never,
        user: editor,
        overrideAccess: false,
      })
      .catch(() => undefined)
    expect(await readBack(id)).toEqual(clean)
    // readers without draft access see the first time of the published locales only
    expect(
      (
        await client.get(
          `/articles?depth=0&where[publication.en.firstPublishedAt][exists]=true&where[id][equals]=${id}`,
          { token: editorToken },
        )
      ).body.totalDocs,
    ).toBe(0)
  })
})

describe('publication: restore, fill-in at start, visibleLocales', () => {
  test('restoring a version from before the first publication keeps firstPublishedAt', async () => {
    const created = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title: 'Restore EN', _status: 'draft' },
    })
    const id = created.id
    const { docs: before } = await payload.findVersions({
      collection: 'articles',
      where: { parent: { equals: id } },
      limit: 1,
      sort: '-updatedAt',
    })
    await publish(id, 'en', 'Restore EN live')
    const first = (await payload.findByID({ collection: 'articles', id, depth: 0 })).publication?.en
    expect(first?.live).toBe(true)
    expect(first?.firstPublishedAt).toBeTruthy()
    const restored = await client.post(`/articles/versions/${before[0]!.id}?locale=en`, {
      token: editorToken,
    })
    expect(restored.status).toBe(200)
    const after = (await payload.findByID({ collection: 'articles', id, depth: 0 })).publication?.en
    expect(after?.firstPublishedAt).toBe(first?.firstPublishedAt)
  })

  test('articles stored before the record existed get it at start, first time from publishedAt', async () => {
    const doc = await payload.create({
      collection: 'articles',
      locale: 'de',
      data: { title: 'Alt DE', _status: 'published', publishedAt: '2020-05-01T10:00:00.000Z' },
    })
    await payload.db.updateOne({
      collection: 'articles',
      id: doc.id,
      data: {
        publication: {
          en: { live: null, firstPublishedAt: null },
          de: { live: null, firstPublishedAt: null },
        },
      },
    })
    expect(
      (await payload.findByID({ collection: 'articles', id: doc.id, depth: 0 })).publication?.de
        ?.live,
    ).toBeNull()
    const seen: unknown[] = []
    const off = onLocalePublicationChange((c) => void seen.push(c))
    try {
      expect(await backfillLive(payload, 'articles')).toBeGreaterThanOrEqual(1)
    } finally {
      off()
    }
    expect(seen).toEqual([]) // filling in is no change
    const publication = (await payload.findByID({ collection: 'articles', id: doc.id, depth: 0 }))
      .publication
    expect(publication?.de).toEqual({ live: true, firstPublishedAt: '2020-05-01T10:00:00.000Z' })
    expect(publication?.en).toEqual({ live: false, firstPublishedAt: null })
  })

  test('visibleLocales: the published locales for readers without draft access, all for staff', async () => {
    const doc = await payload.create({
      collection: 'articles',
      locale: 'de',
      data: { title: 'Sicht DE', _status: 'published' },
    })
    const read = await payload.findByID({ collection: 'articles', id: doc.id, depth: 0 })
    const anonymous = await createLocalReq({}, payload)
    const staff = await createLocalReq({ user: editor }, payload)
    expect(visibleLocales(anonymous, read)).toEqual(['de'])
    expect(visibleLocales(anonymous, read, { overrideAccess: true })).toEqual(['en', 'de'])
    expect(visibleLocales(staff, read)).toEqual(['en', 'de'])
  })
})

describe('onLocalePublicationChange', () => {
  test('fires once per real change of a locale, and on delete', async () => {
    const seen: Omit<LocalePublicationChange, 'req' | 'firstPublishedAt' | 'collection'>[] = []
    const off = onLocalePublicationChange(({ id, locale, from, to, cause }) => {
      seen.push({ id, locale, from, to, cause })
    })
    try {
      const doc = await payload.create({
        collection: 'articles',
        locale: 'en',
        data: { title: 'Event EN', _status: 'draft' },
      })
      const id = doc.id
      expect(seen).toEqual([])
      await publish(id, 'en', 'Event EN')
      expect(seen).toEqual([{ id, locale: 'en', from: false, to: true, cause: 'change' }])
      // a draft beside the live version and a re-publish of a live locale change nothing
      await payload.update({
        collection: 'articles',
        id,
        locale: 'en',
        draft: true,
        data: { title: 'Event EN 2' },
      })
      await publish(id, 'en', 'Event EN 3')
      expect(seen.length).toBe(1)
      await publish(id, 'de', 'Event DE')
      await payload.update({ collection: 'articles', id, locale: 'de', data: { _status: 'draft' } })
      expect(seen.slice(1)).toEqual([
        { id, locale: 'de', from: false, to: true, cause: 'change' },
        { id, locale: 'de', from: true, to: false, cause: 'change' },
      ])
      await payload.delete({ collection: 'articles', id })
      expect(seen.slice(3)).toEqual([{ id, locale: 'en', from: true, to: false, cause: 'delete' }])
    } finally {
      off()
    }
  })
})
