import { afterAll, describe, expect, test } from '@jest/globals'
import type { TypedUser } from 'payload'

import { paragraphsToLexical } from '../src/utilities/richtext'
import { slugify } from '../src/utilities/slug'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

// Per-locale publication (docs/publishing.md): publishing or unpublishing one locale
// through REST, GraphQL or the Local API changes that locale's live text and nothing else;
// translators are refused. Every case compares both locales' live and latest texts and what
// anonymous readers get (with and without fallback) with a model of the rule.
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { payload } = ctx
const client = api(ctx.config)

const LOCALES = (payload.config.localization ? payload.config.localization.localeCodes : []) as (
  'en' | 'de'
)[]
const other = (l: string) => LOCALES.find((x) => x !== l)!

type Role = 'editor' | 'translator'
const users = {} as Record<Role, { token: string; user: TypedUser }>
for (const [role, extra] of [
  ['editor', {}],
  ['translator', { translatorLocales: ['de'] }],
] as const) {
  const email = `${role}-publishing@example.com`
  const token = await loginAs(payload, email, [role], extra)
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } } })
  users[role] = { token, user: { ...docs[0], collection: 'users' } as unknown as TypedUser }
}

/** Per locale: the live (published) title, or null when the locale is not live; the latest title. */
type Model = Record<string, { live: string | null; latest: string }>
type Base = 'never-published' | 'other-locale-published' | 'pending-drafts'
const BASES: Base[] = ['never-published', 'other-locale-published', 'pending-drafts']
let counter = 0

/** Makes the article a case starts from; returns its id and the model of its state. */
async function makeBase(base: Base, locale: 'en' | 'de'): Promise<{ id: string; model: Model }> {
  const tag = `#${++counter}`
  const t = (l: string, v: string) => `${v} ${l} ${tag}`
  const o = other(locale)
  if (base === 'never-published') {
    const doc = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title: t('en', 'draft') },
    })
    await payload.update({
      collection: 'articles',
      id: doc.id,
      locale: 'de',
      draft: true,
      data: { title: t('de', 'draft') },
    })
    return {
      id: doc.id,
      model: {
        en: { live: null, latest: t('en', 'draft') },
        de: { live: null, latest: t('de', 'draft') },
      },
    }
  }
  if (base === 'other-locale-published') {
    const doc = await payload.create({
      collection: 'articles',
      locale: o,
      data: { title: t(o, 'live'), _status: 'published' },
    })
    await payload.update({
      collection: 'articles',
      id: doc.id,
      locale,
      draft: true,
      data: { title: t(locale, 'draft') },
    })
    return {
      id: doc.id,
      model: {
        [o]: { live: t(o, 'live'), latest: t(o, 'live') },
        [locale]: { live: null, latest: t(locale, 'draft') },
      },
    }
  }
  const doc = await payload.create({
    collection: 'articles',
    locale: 'en',
    data: { title: t('en', 'live'), _status: 'published' },
  })
  await payload.update({
    collection: 'articles',
    id: doc.id,
    locale: 'de',
    data: { title: t('de', 'live'), _status: 'published' },
  })
  for (const l of LOCALES)
    await payload.update({
      collection: 'articles',
      id: doc.id,
      locale: l,
      draft: true,
      data: { title: t(l, 'pending') },
    })
  return {
    id: doc.id,
    model: Object.fromEntries(
      LOCALES.map((l) => [l, { live: t(l, 'live'), latest: t(l, 'pending') }]),
    ),
  }
}

/** The stored state of both locales, in the model's shape. */
async function stateOf(id: string): Promise<Model> {
  const out: Model = {}
  for (const l of LOCALES as ('en' | 'de')[]) {
    const live = await payload.findByID({
      collection: 'articles',
      id,
      locale: l,
      fallbackLocale: false,
      depth: 0,
    })
    const latest = await payload.findByID({
      collection: 'articles',
      id,
      locale: l,
      fallbackLocale: false,
      depth: 0,
      draft: true,
    })
    out[l] = {
      live: live._status === 'published' ? (live.title ?? null) : null,
      latest: latest.title!,
    }
  }
  return out
}

/** What anonymous readers get per locale, with fallback and with `fallback-locale=none`. */
async function anonymousView(id: string) {
  const out: Record<string, unknown> = {}
  for (const l of LOCALES)
    for (const fb of ['', '&fallback-locale=none']) {
      const res = await client.get(`/articles/${id}?locale=${l}&depth=0${fb}`)
      out[`${l}${fb}`] = res.status === 200 ? (res.body.title ?? null) : res.status
    }
  return out
}

/** The anonymous view the model implies: a locale not live reads like an empty translation. */
function expectedView(model: Model) {
  const anyLive = LOCALES.some((l) => model[l].live !== null)
  const out: Record<string, unknown> = {}
  for (const l of LOCALES) {
    out[l] = model[l].live ?? (anyLive ? model[other(l)].live : 404)
    out[`${l}&fallback-locale=none`] = anyLive ? model[l].live : 404
  }
  return out
}

type Action = 'publish' | 'unpublish'
type Api = 'REST' | 'GraphQL' | 'Local'

/** The publish or unpublish itself. Returns whether it was accepted. */
async function act(action: Action, api: Api, role: Role, id: string, locale: string) {
  const status = action === 'publish' ? 'published' : 'draft'
  const { token, user } = users[role]
  if (api === 'REST') {
    const res = await client.patch(`/articles/${id}?locale=${locale}`, {
      token,
      body: { _status: status },
    })
    if (res.status === 200) return true
    expect(res.status).toBe(403)
    return false
  }
  if (api === 'GraphQL') {
    const res = await client.graphql(
      `mutation { updateArticle(id: "${id}", locale: ${locale}, data: { _status: ${status} }) { id } }`,
      undefined,
      { token },
    )
    if (!res.body.errors) return true
    expect(res.body.errors[0].extensions?.statusCode ?? 403).toBe(403)
    return false
  }
  try {
    await payload.update({
      collection: 'articles',
      id,
      locale: locale as 'en',
      data: { _status: status },
      user,
      overrideAccess: false,
    })
    return true
  } catch (err) {
    expect((err as { status?: number }).status).toBe(403)
    return false
  }
}

const cases = LOCALES.flatMap((locale) =>
  (['publish', 'unpublish'] as const).flatMap((action) =>
    (['REST', 'GraphQL', 'Local'] as const).flatMap((apiName) =>
      (['editor', 'translator'] as const).flatMap((role) =>
        BASES.map((base) => ({ locale, action, api: apiName, role, base })),
      ),
    ),
  ),
)

describe(`per-locale publication: ${cases.length} cases`, () => {
  test.each(
    cases.map((c) => [`${c.action} ${c.locale} by ${c.role} via ${c.api} (${c.base})`, c] as const),
  )('%s', async (_name, c) => {
    const { id, model } = await makeBase(c.base, c.locale)
    expect(await stateOf(id)).toEqual(model)
    expect(await anonymousView(id)).toEqual(expectedView(model))

    const accepted = await act(c.action, c.api, c.role, id, c.locale)
    expect(accepted).toBe(c.role === 'editor')
    if (accepted) {
      model[c.locale] = {
        live: c.action === 'publish' ? model[c.locale].latest : null,
        latest: model[c.locale].latest,
      }
    }
    expect(await stateOf(id)).toEqual(model)
    expect(await anonymousView(id)).toEqual(expectedView(model))
  })
})

describe('all locales at once, and the translator cannot', () => {
  test('publishAllLocales publishes every pending draft; unpublishAllLocales takes all down', async () => {
    const { id, model } = await makeBase('pending-drafts', 'de')
    const ed = users.editor.token
    expect(
      (
        await client.patch(`/articles/${id}?locale=de&publishAllLocales=true`, {
          token: ed,
          body: { _status: 'published' },
        })
      ).status,
    ).toBe(200)
    for (const l of LOCALES) model[l].live = model[l].latest
    expect(await stateOf(id)).toEqual(model)
    expect(
      (
        await client.patch(`/articles/${id}?locale=de&unpublishAllLocales=true`, {
          token: ed,
          body: {},
        })
      ).status,
    ).toBe(200)
    for (const l of LOCALES) model[l].live = null
    expect(await stateOf(id)).toEqual(model)
    expect(await anonymousView(id)).toEqual(expectedView(model))
  })

  test.each(['publishAllLocales', 'unpublishAllLocales'])(
    'a translator with %s: 403, nothing changed',
    async (flag) => {
      const { id, model } = await makeBase('pending-drafts', 'de')
      const res = await client.patch(`/articles/${id}?locale=de&${flag}=true`, {
        token: users.translator.token,
        body: { title: 'x' },
      })
      expect(res.status).toBe(403)
      expect(await stateOf(id)).toEqual(model)
    },
  )

  test('a save without _status in a published locale with a pending draft elsewhere publishes nothing else', async () => {
    const { id, model } = await makeBase('pending-drafts', 'de')
    // de: publish its pending draft; en keeps its own pending draft.
    await act('publish', 'REST', 'editor', id, 'de')
    model.de.live = model.de.latest
    const res = await client.patch(`/articles/${id}?locale=de`, {
      token: users.editor.token,
      body: { title: 'plain save de' },
    })
    expect(res.status).toBe(200)
    model.de = { live: 'plain save de', latest: 'plain save de' }
    expect(await stateOf(id)).toEqual(model)
  })
})

describe('a `_status` other than draft or published is refused, and nothing changes', () => {
  const BAD: unknown[] = ['bogus', 'PUBLISHED', 'Draft', '', null, 1, true, { en: 'published' }]
  /** Everything a refused write could have touched: texts, stored state, versions, readers' view. */
  const snapshot = async (id: string) => ({
    state: await stateOf(id),
    view: await anonymousView(id),
    stored: await payload.findByID({ collection: 'articles', id, locale: 'all', depth: 0 }),
    versions: (
      await payload.countVersions({ collection: 'articles', where: { parent: { equals: id } } })
    ).totalDocs,
  })
  const articles = async () => (await payload.count({ collection: 'articles' })).totalDocs
  /** How a Local API write ended: 'stored', or the error's status and field path. */
  const outcome = (write: Promise<unknown>) =>
    write.then(
      () => 'stored',
      (error: unknown) => {
        const e = error as { status?: number; data?: { errors?: { path?: string }[] } }
        return { status: e.status, path: e.data?.errors?.[0]?.path }
      },
    )

  test.each(LOCALES.flatMap((l) => BASES.map((base) => [l, base] as const)))(
    'update in %s (%s): REST, Local API with and without overrideAccess, bulk; editor and translator',
    async (locale, base) => {
      const { id } = await makeBase(base, locale)
      const before = await snapshot(id)
      for (const status of BAD) {
        for (const role of ['editor', 'translator'] as const) {
          const res = await client.patch(`/articles/${id}?locale=${locale}`, {
            token: users[role].token,
            body: { title: 'refused', _status: status },
          })
          expect({ status, role, code: res.status }).toEqual({ status, role, code: 400 })
          expect(res.body.errors[0].message).toBe('The following field is invalid: _status')
          expect(res.body.errors[0].data.errors[0]).toEqual({
            path: '_status',
            message: expect.stringContaining('_status must be "draft" or "published"'),
          })
        }
        const bulk = await client.patch(`/articles?locale=${locale}&where[id][equals]=${id}`, {
          token: users.editor.token,
          body: { _status: status },
        })
        expect(bulk.status).toBe(400)
        for (const local of [
          { user: users.editor.user, overrideAccess: false },
          { overrideAccess: true },
        ])
          expect(
            await outcome(
              payload.update({
                collection: 'articles',
                id,
                locale,
                data: { title: 'refused', _status: status } as never,
                ...local,
              }),
            ),
          ).toEqual({ status: 400, path: '_status' })
      }
      expect(await snapshot(id)).toEqual(before)
    },
  )

  test.each(LOCALES)('create in %s: REST and Local API; nothing stored', async (locale) => {
    const before = await articles()
    for (const status of BAD) {
      const res = await client.post(`/articles?locale=${locale}`, {
        token: users.editor.token,
        body: { title: `refused ${locale}`, _status: status },
      })
      expect({ status, code: res.status }).toEqual({ status, code: 400 })
      expect(res.body.errors[0].data.errors[0].path).toBe('_status')
      expect(
        await outcome(
          payload.create({
            collection: 'articles',
            locale,
            data: { title: `refused ${locale}`, _status: status } as never,
          }),
        ),
      ).toEqual({ status: 400, path: '_status' })
    }
    expect(await articles()).toBe(before)
    // draft and published (and none) are still accepted
    for (const status of ['draft', 'published', undefined]) {
      const res = await client.post(`/articles?locale=${locale}`, {
        token: users.editor.token,
        body: { title: `accepted ${locale} ${status}`, _status: status },
      })
      expect(res.status).toBe(201)
      expect(res.body.doc._status).toBe(status ?? 'draft')
    }
  })
})

describe('the public slug comes only from published text', () => {
  const ed = () => users.editor
  const slugOf = async (id: string) =>
    (await payload.findByID({ collection: 'articles', id, depth: 0, draft: true })).slug
  /** Anonymous readers' answer in both locales, as text: where a draft title could show. */
  const publicText = async (id: string) =>
    JSON.stringify(
      await Promise.all(LOCALES.map((l) => client.get(`/articles/${id}?locale=${l}&depth=0`))).then(
        (all) => all.map((r) => r.body),
      ),
    )

  test.each(
    LOCALES.flatMap((draft) => (['REST', 'Local'] as const).map((a) => [draft, a] as const)),
  )(
    'started as a %s draft, first published in the other locale via %s: the slug follows it',
    async (draftLocale, via) => {
      const pub = other(draftLocale)
      const secret = `Otterheimlich Enthüllung ${draftLocale} ${via}`
      const secretSlug = `otterheimlich-enthuellung-${draftLocale}-${via.toLowerCase()}`
      const { id } = await payload.create({
        collection: 'articles',
        locale: draftLocale,
        draft: true,
        data: { title: secret },
      })
      expect(await slugOf(id)).toBe(secretSlug)
      // the draft title changes after its slug was made (a translator's draft save): still made
      await payload.update({
        collection: 'articles',
        id,
        locale: draftLocale,
        draft: true,
        data: { title: `${secret} zwei` },
      })
      const title = `Otter news ${pub} ${via}`
      if (via === 'REST') {
        const res = await client.patch(`/articles/${id}?locale=${pub}`, {
          token: ed().token,
          body: { title, _status: 'published' },
        })
        expect(res.status).toBe(200)
        expect(res.body.doc.slug).toBe(slugify(title))
      } else
        await payload.update({
          collection: 'articles',
          id,
          locale: pub,
          data: { title, _status: 'published' },
          user: ed().user,
          overrideAccess: false,
        })
      expect(await slugOf(id)).toBe(slugify(title))
      expect(await publicText(id)).not.toMatch(/otterheimlich/i)

      // Once published it stays: publishing the other locale, unpublishing, retitling, republishing.
      await payload.update({
        collection: 'articles',
        id,
        locale: draftLocale,
        data: { _status: 'published' },
      })
      await payload.update({ collection: 'articles', id, locale: pub, data: { _status: 'draft' } })
      await payload.update({
        collection: 'articles',
        id,
        locale: pub,
        data: { title: 'Retitled', _status: 'published' },
      })
      expect(await slugOf(id)).toBe(slugify(title))
    },
  )

  test.each(LOCALES)('a slug typed on the %s draft is kept at the first publication', async (l) => {
    const typed = await client.post(`/articles?locale=${l}&draft=true`, {
      token: ed().token,
      body: { title: `Geheim ${l}`, slug: `Chosen Slug ${l}` },
    })
    expect(typed.status).toBe(201)
    const id = typed.body.doc.id as string
    const res = await client.patch(`/articles/${id}?locale=${other(l)}`, {
      token: ed().token,
      body: { title: `Public ${l}`, _status: 'published' },
    })
    expect(res.status).toBe(200)
    expect(await slugOf(id)).toBe(`chosen-slug-${l}`)
  })

  test.each(LOCALES)(
    'first published in %s without a title there: the fallback slug, not the draft title',
    async (l) => {
      const { id } = await payload.create({
        collection: 'articles',
        locale: other(l),
        draft: true,
        data: { title: `Vertraulich ${l}` },
      })
      const res = await client.patch(`/articles/${id}?locale=${l}`, {
        token: ed().token,
        body: { summary: 'Only a lead.', _status: 'published' },
      })
      expect(res.status).toBe(200)
      expect(await slugOf(id)).toMatch(/^article-[0-9a-f]{8}$/)
    },
  )
})

describe('the list shows each language at a glance', () => {
  test('liveIn names the published locales for staff; anonymous readers do not get it', async () => {
    const { id } = await makeBase('other-locale-published', 'de')
    const ed = users.editor.token
    const list = await client.get(
      `/articles?where[id][equals]=${id}&locale=de&depth=0&draft=true`,
      {
        token: ed,
      },
    )
    expect(list.body.docs[0].liveIn).toBe('EN')
    await act('publish', 'REST', 'editor', id, 'de')
    const after = await client.get(`/articles/${id}?locale=en&depth=0`, { token: ed })
    expect(after.body.liveIn).toBe('EN · DE')
    await act('unpublish', 'REST', 'editor', id, 'en')
    expect((await client.get(`/articles/${id}?locale=en&depth=0`, { token: ed })).body.liveIn).toBe(
      'DE',
    )
    const anon = await client.get(`/articles/${id}?locale=de&depth=0`)
    expect(anon.status).toBe(200)
    expect(anon.body).not.toHaveProperty('liveIn')
  })
})

describe('after a per-locale publish the next read shows what was published (#16395, #16303)', () => {
  test('German published with an empty body: the save answer and the next reads have no English body', async () => {
    const doc = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        title: 'EN title',
        body: paragraphsToLexical(['English body']) as never,
        _status: 'published',
      },
    })
    const ed = users.editor.token
    await client.patch(`/articles/${doc.id}?locale=de&draft=true&fallback-locale=null`, {
      token: ed,
      body: { title: 'DE Titel 1' },
    })
    await client.patch(`/articles/${doc.id}?locale=de&draft=true&fallback-locale=null`, {
      token: ed,
      body: { title: 'DE Titel 2' },
    })
    // What the admin's "Publish in Deutsch" sends (its form, as multipart `_payload`, without
    // `fallback-locale`): the edit view's form state is built from the answer.
    const form = (data: Record<string, unknown>) => {
      const f = new FormData()
      f.set('_payload', JSON.stringify(data))
      return f
    }
    const saved = await client.patch(
      `/articles/${doc.id}?depth=0&locale=de&publishSpecificLocale=de`,
      { token: ed, form: form({ title: 'DE Titel 3', _status: 'published' }) },
    )
    expect(saved.status).toBe(200)
    expect(saved.body.doc).toMatchObject({ title: 'DE Titel 3', body: null, _status: 'published' })
    // Its "Publish all locales" likewise.
    const all = await client.patch(`/articles/${doc.id}?depth=0&locale=de&publishAllLocales=true`, {
      token: ed,
      form: form({ title: 'DE Titel 3', _status: 'published' }),
    })
    expect(all.status).toBe(200)
    expect(all.body.doc).toMatchObject({ title: 'DE Titel 3', body: null, _status: 'published' })
    // An API client's publish keeps Payload's answer: the fallback text, as readers get it.
    const apiAnswer = await client.patch(`/articles/${doc.id}?depth=0&locale=de`, {
      token: ed,
      body: { _status: 'published' },
    })
    expect(JSON.stringify(apiAnswer.body.doc.body)).toContain('English body')
    for (const draft of ['true', 'false']) {
      const read = await client.get(
        `/articles/${doc.id}?locale=de&depth=0&fallback-locale=null&draft=${draft}`,
        { token: ed },
      )
      expect(read.body).toMatchObject({ title: 'DE Titel 3', body: null, _status: 'published' })
    }
    const gql = await client.graphql(
      `{ Article(id: "${doc.id}", locale: de, fallbackLocale: none, draft: true) { title body _status } }`,
      undefined,
      { token: ed },
    )
    expect(gql.body.data.Article).toMatchObject({
      title: 'DE Titel 3',
      body: null,
      _status: 'published',
    })
    // Versions: the newest is the published German, not an older draft.
    const versions = await client.get(
      `/articles/versions?where[parent][equals]=${doc.id}&sort=-updatedAt&locale=de&limit=1&depth=0`,
      { token: ed },
    )
    expect(versions.body.docs[0].version).toMatchObject({
      title: 'DE Titel 3',
      _status: 'published',
    })
    // English stays as it was live.
    const en = await client.get(`/articles/${doc.id}?locale=en&depth=0`)
    expect(en.body.title).toBe('EN title')
  })
})

describe('the stored `live` flag behind anonymous reads', () => {
  const liveOf = async (id: string) =>
    (
      (await payload.findByID({ collection: 'articles', id, depth: 0, draft: false })) as {
        live?: boolean | null
      }
    ).live

  test('follows every publish and unpublish; API clients cannot set it', async () => {
    const { token } = users.editor
    const created = await client.post('/articles?locale=en', {
      token,
      body: { title: 'Flag draft', live: true },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as string
    expect(await liveOf(id)).toBe(false)
    expect((await client.get(`/articles/${id}?locale=en`)).status).toBe(404)
    await client.patch(`/articles/${id}?locale=de`, { token, body: { _status: 'published' } })
    expect(await liveOf(id)).toBe(true)
    await client.patch(`/articles/${id}?locale=de`, { token, body: { _status: 'draft' } })
    expect(await liveOf(id)).toBe(false)
    expect((await client.get(`/articles/${id}?locale=de`)).status).toBe(404)
    await client.patch(`/articles/${id}?locale=en&publishAllLocales=true`, {
      token,
      body: { _status: 'published' },
    })
    expect(await liveOf(id)).toBe(true)
    await client.patch(`/articles/${id}?locale=en`, { token, body: { live: false, title: 'x' } })
    expect(await liveOf(id)).toBe(true)
    await client.patch(`/articles/${id}?locale=en&unpublishAllLocales=true`, {
      token,
      body: { _status: 'draft' },
    })
    expect(await liveOf(id)).toBe(false)
  })

  test('onInit fills it in for articles stored before it existed', async () => {
    const published = await payload.create({
      collection: 'articles',
      locale: 'de',
      data: { title: 'Nur deutsch', _status: 'published' },
    })
    const draft = await payload.create({ collection: 'articles', data: { title: 'Entwurf' } })
    for (const { id } of [published, draft])
      await payload.db.updateOne({ collection: 'articles', id, data: { live: null } })
    expect(await liveOf(published.id)).toBeNull()
    const { backfillLive } = await import('../src/features/publishing/localePublication')
    expect(await backfillLive(payload, 'articles')).toBeGreaterThanOrEqual(2)
    expect(await liveOf(published.id)).toBe(true)
    expect(await liveOf(draft.id)).toBe(false)
    expect((await client.get(`/articles/${published.id}?locale=en`)).body.title).toBe('Nur deutsch')
  })
})
