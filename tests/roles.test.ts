import crypto from 'node:crypto'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'

import { ensureLocales } from '../src/features/languages/ensureLocales'
import { api, type ApiResponse } from './helpers/api'
import { pngFile } from './helpers/fixtures'
import { bootPayload, loginAs, shutdown, type TestContext } from './helpers/payload'
import { createDeveloper } from './helpers/users'

// The access matrix: every role × collection × operation, over REST, and the key cases over GraphQL,
// each with its expected allow or deny.

type Role = 'admin' | 'editor' | 'translator' | 'developer' | 'anonymous'
type Op =
  'create' | 'read' | 'update en' | 'update de' | 'update non-localized' | 'publish' | 'delete'
const ROLES: Role[] = ['admin', 'editor', 'translator', 'developer', 'anonymous']

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
const auth: Record<Role, { token?: string; apiKey?: string }> = {} as never

const allowed = (res: ApiResponse) => res.status >= 200 && res.status < 300
const A = true
const D = false

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
  auth.admin = { token: await loginAs(payload, 'admin@example.com', ['admin']) }
  auth.editor = { token: await loginAs(payload, 'editor@example.com', ['editor']) }
  auth.translator = {
    token: await loginAs(payload, 'translator@example.com', ['translator'], {
      translatorLocales: ['de'],
    }),
  }
  auth.developer = { apiKey: (await createDeveloper(payload, 'dev@example.com')).apiKey }
  auth.anonymous = {}
})
afterAll(() => shutdown(ctx))

const newArticle = async (status: 'draft' | 'published' = 'published') =>
  payload.create({
    collection: 'articles',
    data: { title: `Story ${crypto.randomUUID().slice(0, 8)}`, summary: 'Lead', _status: status },
    draft: status === 'draft',
  })
const newTeaser = async () =>
  payload.create({
    collection: 'related-articles',
    data: { summary: `Teaser ${crypto.randomUUID()}` },
  })
const newImage = async () =>
  payload.create({
    collection: 'images',
    data: { alt: 'An image' },
    file: await pngFile(`${crypto.randomUUID()}.png`),
  })

async function uploadImage(role: Role): Promise<ApiResponse> {
  const form = new FormData()
  const file = await pngFile('upload.png')
  form.append('file', new Blob([new Uint8Array(file.data)], { type: 'image/png' }), 'upload.png')
  form.append('_payload', JSON.stringify({ alt: 'Uploaded' }))
  const headers: Record<string, string> = {}
  if (auth[role].token) headers.authorization = `JWT ${auth[role].token}`
  if (auth[role].apiKey) headers.authorization = `users API-Key ${auth[role].apiKey}`
  const { REST_POST } = await import('@payloadcms/next/routes')
  const res = await REST_POST(ctx.config as never)(
    new Request('http://localhost/api/images', { method: 'POST', body: form, headers }),
    {
      params: Promise.resolve({ slug: ['images'] }),
    },
  )
  return { status: res.status, body: await res.json(), headers: res.headers }
}

type Case = { collection: string; op: Op; expect: Record<Role, boolean> }
const row = (
  admin: boolean,
  editor: boolean,
  translator: boolean,
  developer: boolean,
  anonymous: boolean,
) => ({
  admin,
  editor,
  translator,
  developer,
  anonymous,
})

const MATRIX: Case[] = [
  { collection: 'articles', op: 'create', expect: row(A, A, D, D, D) },
  { collection: 'articles', op: 'read', expect: row(A, A, A, A, A) }, // published
  { collection: 'articles', op: 'update en', expect: row(A, A, D, D, D) },
  { collection: 'articles', op: 'update de', expect: row(A, A, A, D, D) },
  { collection: 'articles', op: 'update non-localized', expect: row(A, A, D, D, D) },
  { collection: 'articles', op: 'publish', expect: row(A, A, D, D, D) },
  { collection: 'articles', op: 'delete', expect: row(A, A, D, D, D) },
  { collection: 'related-articles', op: 'create', expect: row(A, A, D, D, D) },
  { collection: 'related-articles', op: 'read', expect: row(A, A, A, A, A) },
  { collection: 'related-articles', op: 'update en', expect: row(A, A, D, D, D) },
  { collection: 'related-articles', op: 'update de', expect: row(A, A, A, D, D) },
  { collection: 'related-articles', op: 'update non-localized', expect: row(A, A, D, D, D) },
  { collection: 'related-articles', op: 'delete', expect: row(A, A, D, D, D) },
  { collection: 'images', op: 'create', expect: row(A, A, D, D, D) },
  { collection: 'images', op: 'read', expect: row(A, A, A, A, A) },
  { collection: 'images', op: 'update en', expect: row(A, A, D, D, D) },
  { collection: 'images', op: 'update de', expect: row(A, A, A, D, D) },
  { collection: 'images', op: 'update non-localized', expect: row(A, A, D, D, D) },
  { collection: 'images', op: 'delete', expect: row(A, A, D, D, D) },
  { collection: 'locales', op: 'create', expect: row(A, A, D, D, D) },
  { collection: 'locales', op: 'read', expect: row(A, A, A, A, A) },
  { collection: 'locales', op: 'update non-localized', expect: row(A, A, D, D, D) },
  { collection: 'locales', op: 'delete', expect: row(A, A, D, D, D) },
  { collection: 'users', op: 'create', expect: row(A, D, D, D, D) },
  { collection: 'users', op: 'read', expect: row(A, D, D, D, D) }, // another user's account
  { collection: 'users', op: 'update non-localized', expect: row(A, D, D, D, D) },
  { collection: 'users', op: 'delete', expect: row(A, D, D, D, D) },
  { collection: 'consent', op: 'read', expect: row(A, A, A, A, A) },
  { collection: 'consent', op: 'update de', expect: row(A, A, D, D, D) },
  { collection: 'consent-records', op: 'create', expect: row(A, A, A, A, A) },
  { collection: 'consent-records', op: 'read', expect: row(A, D, D, D, D) },
  { collection: 'consent-records', op: 'update non-localized', expect: row(D, D, D, D, D) },
]

async function perform(collection: string, op: Op, role: Role): Promise<ApiResponse> {
  const who = auth[role]
  if (collection === 'consent') {
    return op === 'read'
      ? client.get('/globals/consent?locale=de', who)
      : client.post('/globals/consent?locale=de', { ...who, body: { title: `Cookies ${role}` } })
  }
  if (collection === 'consent-records') {
    const record = await payload.create({
      collection: 'consent-records',
      data: { acceptType: 'necessary', revision: 1 } as never,
    })
    if (op === 'create')
      return client.post('/consent-records', {
        ...who,
        body: { acceptType: 'all', revision: 1 },
        headers: { 'x-forwarded-for': `10.0.0.${ROLES.indexOf(role)}` },
      })
    if (op === 'read') return client.get(`/consent-records/${record.id}`, who)
    return client.patch(`/consent-records/${record.id}`, { ...who, body: { acceptType: 'all' } })
  }
  if (collection === 'users') {
    const other = await payload.create({
      collection: 'users',
      data: {
        email: `${crypto.randomUUID()}@example.com`,
        password: 'test-password-123',
        roles: ['editor'],
      },
    })
    if (op === 'create')
      return client.post('/users', {
        ...who,
        body: {
          email: `${crypto.randomUUID()}@example.com`,
          password: 'test-password-123',
          roles: ['editor'],
        },
      })
    if (op === 'read') return client.get(`/users/${other.id}`, who)
    if (op === 'delete') return client.delete(`/users/${other.id}`, who)
    return client.patch(`/users/${other.id}`, { ...who, body: { name: 'Changed' } })
  }
  if (collection === 'locales') {
    const de = (await payload.find({ collection: 'locales', where: { code: { equals: 'de' } } }))
      .docs[0]
    if (op === 'create') {
      // Both configured codes exist; delete one (as the system) so there is something to create.
      await payload.delete({ collection: 'locales', id: de.id })
      const res = await client.post('/locales', {
        ...who,
        body: {
          code: 'de',
          name: 'Deutsch',
          labels: {
            relatedHeading: 'Verwandte Artikel',
            aiTextBadge: 'Von KI berichtet',
            aiImageBadge: 'Bild generiert von KI',
          },
        },
      })
      await ensureLocales(payload)
      return res
    }
    if (op === 'read') return client.get(`/locales/${de.id}`, who)
    if (op === 'delete') {
      const res = await client.delete(`/locales/${de.id}`, who)
      await ensureLocales(payload) // put it back for the next role
      return res
    }
    return client.patch(`/locales/${de.id}`, { ...who, body: { nativeName: 'Deutsch' } })
  }

  const slug = collection
  if (op === 'create') {
    if (slug === 'images') return uploadImage(role)
    const unique = crypto.randomUUID().slice(0, 8)
    return client.post(`/${slug}`, {
      ...who,
      body:
        slug === 'articles'
          ? { title: `New ${unique}`, _status: 'published' }
          : { summary: `New teaser ${unique}` },
    })
  }
  const doc =
    slug === 'articles'
      ? await newArticle()
      : slug === 'images'
        ? await newImage()
        : await newTeaser()
  const text = slug === 'images' ? 'alt' : slug === 'articles' ? 'title' : 'summary'
  switch (op) {
    case 'read':
      return client.get(`/${slug}/${doc.id}`, who)
    case 'update en':
      return client.patch(
        `/${slug}/${doc.id}?locale=en${slug === 'articles' ? '&draft=true' : ''}`,
        { ...who, body: { [text]: 'English change' } },
      )
    case 'update de':
      return client.patch(
        `/${slug}/${doc.id}?locale=de${slug === 'articles' ? '&draft=true' : ''}`,
        { ...who, body: { [text]: 'Deutsche Fassung' } },
      )
    case 'update non-localized': {
      const body =
        slug === 'articles'
          ? { slug: `changed-${crypto.randomUUID()}` }
          : slug === 'images'
            ? { credit: 'Someone' }
            : { url: 'https://example.com/x' }
      return client.patch(
        `/${slug}/${doc.id}?locale=de${slug === 'articles' ? '&draft=true' : ''}`,
        { ...who, body },
      )
    }
    case 'publish':
      return client.patch(`/${slug}/${doc.id}?locale=de`, {
        ...who,
        body: { title: 'Veröffentlicht', _status: 'published' },
      })
    case 'delete':
      return client.delete(`/${slug}/${doc.id}`, who)
  }
}

describe('REST access matrix', () => {
  for (const { collection, op, expect: expected } of MATRIX) {
    test(`${collection}: ${op}`, async () => {
      const outcome: Record<string, string> = {}
      const wanted: Record<string, string> = {}
      for (const role of ROLES) {
        const res = await perform(collection, op, role)
        outcome[role] = allowed(res) ? 'allow' : `deny`
        wanted[role] = expected[role] ? 'allow' : 'deny'
        if (!allowed(res)) expect([role, res.status]).toEqual([role, expect.any(Number)])
        if (!allowed(res) && res.status >= 500)
          throw new Error(`${role} got ${res.status}: ${JSON.stringify(res.body)}`)
      }
      expect(outcome).toEqual(wanted)
    })
  }
})

describe('drafts', () => {
  test('translators and staff read drafts; developers only with canReadDrafts; anonymous never', async () => {
    const draft = await newArticle('draft')
    const read = (role: Role) =>
      client.get(`/articles/${draft.id}?draft=true`, auth[role]).then((r) => r.status)
    expect(await read('admin')).toBe(200)
    expect(await read('editor')).toBe(200)
    expect(await read('translator')).toBe(200)
    expect(await read('developer')).toBe(404)
    expect(await read('anonymous')).toBe(404)

    const { apiKey } = await createDeveloper(payload, 'dev-drafts@example.com', {
      canReadDrafts: true,
    })
    expect((await client.get(`/articles/${draft.id}?draft=true`, { apiKey })).status).toBe(200)
  })
})

describe('translators', () => {
  test('cannot publish through _status, change slug or relations, or write English — with clear reasons', async () => {
    const article = await newArticle()
    const teaser = await newTeaser()
    const who = auth.translator
    const cases: [string, ApiResponse][] = [
      [
        'publish',
        await client.patch(`/articles/${article.id}?locale=de`, {
          ...who,
          body: { title: 'X', _status: 'published' },
        }),
      ],
      [
        'slug',
        await client.patch(`/articles/${article.id}?locale=de&draft=true`, {
          ...who,
          body: { slug: 'hijacked' },
        }),
      ],
      [
        'relations',
        await client.patch(`/articles/${article.id}?locale=de&draft=true`, {
          ...who,
          body: { relatedArticles: [teaser.id] },
        }),
      ],
      [
        'english',
        await client.patch(`/articles/${article.id}?locale=en&draft=true`, {
          ...who,
          body: { title: 'Hijacked' },
        }),
      ],
      ['create', await client.post('/articles?locale=de', { ...who, body: { title: 'Neu' } })],
    ]
    for (const [name, res] of cases) expect([name, res.status]).toEqual([name, 403])
    expect(JSON.stringify(cases[1][1].body)).toContain('slug')
    const stored = await payload.findByID({
      collection: 'articles',
      id: article.id,
      locale: 'all',
      depth: 0,
    })
    expect(stored.slug).toBe(article.slug)
    expect(stored.relatedArticles ?? []).toEqual([])
    expect((stored.title as unknown as Record<string, string>).en).toBe(article.title)
  })

  test('saving the whole form unchanged except the German texts is allowed (as the admin UI does)', async () => {
    const article = await newArticle()
    const full = (await client.get(`/articles/${article.id}?locale=de&depth=0`, auth.translator))
      .body
    const res = await client.patch(`/articles/${article.id}?locale=de&draft=true`, {
      ...auth.translator,
      body: { ...full, title: 'Deutscher Titel', summary: 'Deutscher Vorspann', _status: 'draft' },
    })
    expect(res.status).toBe(200)
  })

  test('"Copy to locale" cannot write into a locale the translator does not own', async () => {
    const article = await newArticle()
    const translator = (
      await payload.find({
        collection: 'users',
        where: { email: { equals: 'translator@example.com' } },
      })
    ).docs[0]
    // What the admin's copy-to-locale server function does: update the target locale as the user.
    await expect(
      payload.update({
        collection: 'articles',
        id: article.id,
        locale: 'en',
        data: { title: 'Copied over English' },
        draft: true,
        overrideAccess: false,
        user: translator,
      }),
    ).rejects.toThrow('Translators may edit only de, not "en".')
    const stored = await payload.findByID({
      collection: 'articles',
      id: article.id,
      locale: 'en',
      draft: true,
    })
    expect(stored.title).toBe(article.title)
  })
})

describe('GraphQL', () => {
  const gql = (
    role: Role,
    query: string,
    variables: Record<string, unknown> = {},
    locale?: string,
  ) => client.graphql(query, variables, { ...auth[role], locale })
  const ok = (res: ApiResponse) => res.status === 200 && !res.body.errors

  test('the same rules hold over GraphQL', async () => {
    const create = () =>
      `mutation { createArticle(data: { title: "Via GraphQL ${crypto.randomUUID()}", _status: published }) { id } }`
    const updateTitle = `mutation($id: String!, $title: String) { updateArticle(id: $id, data: { title: $title }, draft: true) { id } }`
    const publish = `mutation($id: String!) { updateArticle(id: $id, data: { title: "P", _status: published }) { id } }`
    const remove = `mutation($id: String!) { deleteArticle(id: $id) { id } }`

    const expected: Record<Role, Record<string, boolean>> = {
      admin: { create: A, en: A, de: A, publish: A, delete: A },
      editor: { create: A, en: A, de: A, publish: A, delete: A },
      translator: { create: D, en: D, de: A, publish: D, delete: D },
      developer: { create: D, en: D, de: D, publish: D, delete: D },
      anonymous: { create: D, en: D, de: D, publish: D, delete: D },
    }
    for (const role of ROLES) {
      const got = {
        create: ok(await gql(role, create())),
        en: ok(await gql(role, updateTitle, { id: (await newArticle()).id, title: 'EN' }, 'en')),
        de: ok(await gql(role, updateTitle, { id: (await newArticle()).id, title: 'DE' }, 'de')),
        publish: ok(await gql(role, publish, { id: (await newArticle()).id }, 'de')),
        delete: ok(await gql(role, remove, { id: (await newArticle()).id })),
      }
      expect([role, got]).toEqual([role, expected[role]])
    }
  })

  test('drafts are hidden from developers without canReadDrafts', async () => {
    const draft = await newArticle('draft')
    const res = await gql(
      'developer',
      `query($id: String!) { Article(id: $id, draft: true) { title } }`,
      { id: draft.id },
    )
    expect(res.body.data?.Article ?? null).toBeNull()
    const staff = await gql(
      'translator',
      `query($id: String!) { Article(id: $id, draft: true) { title } }`,
      { id: draft.id },
    )
    expect(staff.body.data.Article.title).toBe(draft.title)
  })
})
