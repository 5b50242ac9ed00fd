import { expect } from '@jest/globals'
import type { Payload, PayloadRequest, SanitizedConfig } from 'payload'
import { formatNames, toWords } from 'payload'

import { api } from './api'
import { ensureConsentService, pngFile } from './fixtures'
import {
  comparable,
  getAt,
  type LocalizedLeaf,
  localizedLeaves,
  pathName,
  setAt,
  valueFor,
} from './localizedFields'
import { loginAs } from './payload'

// The round-trip matrix (docs/publishing.md): for every localized text of every
// collection and global, every locale, save kind, API and role allowed to write it, a save must
// read back exactly, leave the other locale alone, and change what anonymous readers see only when
// it publishes.

export type Api = 'REST' | 'GraphQL' | 'Local'
export type Kind = 'create' | 'update' | 'draft' | 'publish'
export type Role = 'editor' | 'translator'
/** What the document looks like before the save. */
export type Base = 'none' | 'other-locale-only' | 'both-locales' | 'pending-draft'

export type Target = {
  type: 'collection' | 'global'
  slug: string
  drafts: boolean
  /** `_status` per locale (`versions.drafts.localizeStatus`) */
  localizedStatus: boolean
  upload: boolean
  leaves: LocalizedLeaf[]
}
export type Case = {
  target: Target
  leaf: LocalizedLeaf
  locale: string
  role: Role
  kind: Kind
  api: Api
  base: Base
}

const LOCALES = ['en', 'de']
const otherLocale = (locale: string) => (locale === 'en' ? 'de' : 'en')

/** Collections and globals with localized texts, read from the sanitized config. */
export function targetsOf(config: SanitizedConfig): Target[] {
  const collections = config.collections.map((c) => ({
    type: 'collection' as const,
    slug: c.slug,
    drafts: Boolean(c.versions && typeof c.versions === 'object' && c.versions.drafts),
    localizedStatus: Boolean(
      c.versions &&
      typeof c.versions.drafts === 'object' &&
      (c.versions.drafts as { localizeStatus?: boolean }).localizeStatus,
    ),
    upload: Boolean(c.upload),
    leaves: localizedLeaves(c.fields),
  }))
  const globals = config.globals.map((g) => ({
    type: 'global' as const,
    slug: g.slug,
    drafts: Boolean(g.versions && typeof g.versions === 'object' && g.versions.drafts),
    localizedStatus: false,
    upload: false,
    leaves: localizedLeaves(g.fields),
  }))
  return [...collections, ...globals].filter((t) => t.leaves.length)
}

/** Whether the role may update the target in that locale, asked of the target's own access rule. */
async function mayUpdate(
  payload: Payload,
  target: Target,
  user: Record<string, unknown>,
  locale: string,
): Promise<boolean> {
  const config =
    target.type === 'collection'
      ? payload.collections[target.slug as 'articles'].config
      : payload.config.globals.find((g) => g.slug === target.slug)!
  const access = config.access.update
  if (!access) return false
  const req = { user, locale, payload, context: {} } as unknown as PayloadRequest
  return Boolean(await access({ req, data: {} } as never))
}

export function casesFor(target: Target, writers: Record<Role, string[]>): Case[] {
  const cases: Case[] = []
  for (const leaf of target.leaves) {
    for (const locale of LOCALES) {
      for (const role of ['editor', 'translator'] as const) {
        if (!writers[role].includes(locale)) continue
        const kinds: Kind[] =
          target.type === 'global'
            ? ['update']
            : role === 'translator'
              ? target.drafts
                ? ['update', 'draft']
                : ['update']
              : target.drafts
                ? ['create', 'update', 'draft', 'publish']
                : ['create', 'update']
        for (const kind of kinds) {
          const bases: Base[] =
            kind === 'create'
              ? ['none']
              : target.type === 'global'
                ? ['both-locales']
                : [
                    'other-locale-only',
                    'both-locales',
                    ...(target.drafts ? (['pending-draft'] as const) : []),
                  ]
          for (const base of bases) {
            for (const apiName of ['REST', 'GraphQL', 'Local'] as const) {
              // GraphQL has no file uploads: an upload collection is created over REST or the Local API.
              if (apiName === 'GraphQL' && kind === 'create' && target.upload) continue
              cases.push({ target, leaf, locale, role, kind, api: apiName, base })
            }
          }
        }
      }
    }
  }
  return cases
}

export const caseName = (c: Case) =>
  `${c.target.slug}.${pathName(c.leaf.path)} ${c.locale} ${c.kind} by ${c.role} via ${c.api} (${c.base})`

type Users = Record<Role, { token: string; user: Record<string, unknown> }>

export async function matrixSetup(payload: Payload, config: SanitizedConfig) {
  const client = api(config)
  const users = {} as Users
  for (const [role, extra] of [
    ['editor', {}],
    ['translator', { translatorLocales: ['de'] }],
  ] as const) {
    const email = `${role}-matrix@example.com`
    const token = await loginAs(payload, email, [role], extra)
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
    })
    users[role] = { token, user: { ...docs[0], collection: 'users' } }
  }
  const targets = targetsOf(payload.config)
  await ensureConsentService(payload)
  const writers: Record<string, Record<Role, string[]>> = {}
  for (const target of targets) {
    writers[target.slug] = { editor: [], translator: [] }
    for (const role of ['editor', 'translator'] as const) {
      for (const locale of LOCALES) {
        if (await mayUpdate(payload, target, users[role].user, locale))
          writers[target.slug][role].push(locale)
      }
    }
  }
  return { client, users, targets, writers }
}

type Setup = Awaited<ReturnType<typeof matrixSetup>>

/** Payload's GraphQL names for a collection or global (the same rules its schema builder uses). */
const graphQLNames = (payload: Payload, target: Target) => {
  if (target.type === 'global') {
    const global = payload.config.globals.find((g) => g.slug === target.slug)!
    const name =
      (typeof global.graphQL === 'object' && global.graphQL.name) ||
      formatNames(target.slug).singular
    return { type: name, create: undefined, update: `mutation${name}Input` }
  }
  const own = payload.collections[target.slug as 'articles'].config.graphQL
  const name =
    (typeof own === 'object' && own.singularName && toWords(own.singularName, true)) ||
    formatNames(target.slug).singular
  return { type: name, create: `mutation${name}Input`, update: `mutation${name}UpdateInput` }
}

/** The document (or global) as stored in one locale, latest version, no fallback. */
const storedIn = (payload: Payload, target: Target, id: string | undefined, locale: string) =>
  target.type === 'global'
    ? payload.findGlobal({
        slug: target.slug as 'consent',
        locale: locale as 'en',
        fallbackLocale: false,
        depth: 0,
        draft: true,
      })
    : payload.findByID({
        collection: target.slug as 'articles',
        id: id!,
        locale: locale as 'en',
        fallbackLocale: false,
        depth: 0,
        draft: true,
      })

/** All localized texts of one locale, as stored (no fallback); `draft` reads the latest version. */
async function textsIn(
  payload: Payload,
  target: Target,
  id: string | undefined,
  locale: string,
): Promise<Record<string, unknown>> {
  const doc = await storedIn(payload, target, id, locale)
  return Object.fromEntries(
    target.leaves.map((leaf) => [pathName(leaf.path), comparable(leaf, getAt(doc, leaf.path))]),
  )
}

/** Every localized text filled in one locale (what a complete document has). */
function fullTexts(
  target: Target,
  locale: string,
  tag: string,
  start: Record<string, unknown> = {},
): Record<string, unknown> {
  return target.leaves.reduce(
    (data, leaf) =>
      setAt(data, leaf.path, valueFor(leaf, `${tag} ${pathName(leaf.path)} ${locale}`)),
    start,
  )
}

let counter = 0

/** Makes the document the case starts from and returns its id. */
async function makeBase(payload: Payload, c: Case): Promise<string | undefined> {
  const { target, locale } = c
  const other = otherLocale(locale)
  const status = target.drafts ? { _status: 'published' } : {}
  const tag = `base #${++counter}` // unique, so a unique slug made from the title is too
  if (target.type === 'global') {
    for (const l of LOCALES) {
      const current = await payload.findGlobal({
        slug: target.slug as 'consent',
        locale: l as 'en',
        fallbackLocale: false,
        depth: 0,
      })
      await payload.updateGlobal({
        slug: target.slug as 'consent',
        locale: l as 'en',
        data: fullTexts(target, l, tag, current as never) as never,
      })
    }
    return undefined
  }
  if (c.base === 'none') return undefined
  const collection = target.slug as 'articles'
  const file = target.upload ? await pngFile(`base-${++counter}.png`) : undefined
  const doc = await payload.create({
    collection,
    locale: other as 'en',
    data: { ...fullTexts(target, other, tag), ...status } as never,
    file,
  })
  if (c.base === 'both-locales' || c.base === 'pending-draft') {
    await payload.update({
      collection,
      id: doc.id,
      locale: locale as 'en',
      data: { ...fullTexts(target, locale, tag), ...status } as never,
    })
  }
  if (c.base === 'pending-draft') {
    // An editor's unpublished work in progress, in the other language.
    await payload.update({
      collection,
      id: doc.id,
      locale: other as 'en',
      draft: true,
      data: fullTexts(target, other, `pending ${tag}`) as never,
    })
  }
  return String(doc.id)
}

/** What an anonymous reader sees in both locales (null when the document is not readable). */
async function anonymousView(setup: Setup, c: Case, id: string | undefined) {
  if (!id || c.target.type !== 'collection') return null
  const view: Record<string, unknown> = {}
  for (const locale of LOCALES) {
    const res = await setup.client.get(
      `/${c.target.slug}/${id}?locale=${locale}&fallback-locale=none&depth=0`,
    )
    view[locale] =
      res.status === 200
        ? Object.fromEntries(
            c.target.leaves.map((l) => [pathName(l.path), comparable(l, getAt(res.body, l.path))]),
          )
        : res.status
  }
  return view
}

/**
 * Payload's GraphQL input for a global marks its required fields non-null, so a client updating one
 * text sends the other inputs too, as stored in that locale.
 */
async function withRequiredGlobalInputs(
  payload: Payload,
  setup: Setup,
  target: Target,
  inputType: string,
  locale: string,
  data: Record<string, unknown>,
) {
  const res = await setup.client.graphql(
    `{ __type(name: "${inputType}") { inputFields { name } } }`,
  )
  const inputs: string[] = res.body.data.__type.inputFields.map((f: { name: string }) => f.name)
  const current = (await payload.findGlobal({
    slug: target.slug as 'consent',
    locale: locale as 'en',
    fallbackLocale: false,
    depth: 0,
  })) as unknown as Record<string, unknown>
  return Object.fromEntries(
    inputs
      .filter((name) => name in data || current[name] != null)
      .map((name) => [name, name in data ? data[name] : current[name]]),
  )
}

/** The save itself, through the case's API, as the case's role. Returns the document id. */
async function save(
  payload: Payload,
  setup: Setup,
  c: Case,
  id: string | undefined,
  data: Record<string, unknown>,
): Promise<string | undefined> {
  const { target, locale, kind } = c
  const { token, user } = setup.users[c.role]
  const draft = kind === 'draft'
  if (kind === 'publish') data = { ...data, _status: 'published' }
  const file =
    target.upload && kind === 'create' ? await pngFile(`case-${++counter}.png`) : undefined

  if (c.api === 'REST') {
    const qs = `?locale=${locale}${draft ? '&draft=true' : ''}`
    let res
    if (target.type === 'global')
      res = await setup.client.post(`/globals/${target.slug}${qs}`, { token, body: data })
    else if (kind === 'create' && file) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.name)
      form.append('_payload', JSON.stringify(data))
      res = await setup.client.post(`/${target.slug}${qs}`, { token, form })
    } else if (kind === 'create')
      res = await setup.client.post(`/${target.slug}${qs}`, { token, body: data })
    else res = await setup.client.patch(`/${target.slug}/${id}${qs}`, { token, body: data })
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: kind === 'create' ? 201 : 200,
    })
    return target.type === 'global' ? undefined : String((res.body.doc ?? res.body.result).id)
  }

  if (c.api === 'GraphQL') {
    const names = graphQLNames(payload, target)
    const args = `locale: ${locale}${draft ? ', draft: true' : ''}`
    const query =
      target.type === 'global'
        ? `mutation($data: ${names.update}!) { result: update${names.type}(data: $data, ${args}) { __typename } }`
        : kind === 'create'
          ? `mutation($data: ${names.create}!) { result: create${names.type}(data: $data, ${args}) { id } }`
          : `mutation($data: ${names.update}!) { result: update${names.type}(id: "${id}", data: $data, ${args}) { id } }`
    if (target.type === 'global')
      data = await withRequiredGlobalInputs(payload, setup, target, names.update, locale, data)
    const res = await setup.client.graphql(query, { data }, { token })
    expect(res.body.errors ?? null).toBeNull()
    return target.type === 'global' ? undefined : String(res.body.data.result.id)
  }

  const common = { locale: locale as 'en', user, overrideAccess: false, depth: 0 } as const
  if (target.type === 'global') {
    await payload.updateGlobal({
      slug: target.slug as 'consent',
      data: data as never,
      draft,
      ...common,
    })
    return undefined
  }
  const collection = target.slug as 'articles'
  const doc =
    kind === 'create'
      ? await payload.create({ collection, data: data as never, file, ...common })
      : await payload.update({ collection, id: id!, data: data as never, draft, ...common })
  return String(doc.id)
}

/** Runs one case and checks the three promises of a save. */
export async function runCase(payload: Payload, setup: Setup, c: Case): Promise<void> {
  const { target, leaf, locale } = c
  const other = otherLocale(locale)
  const id = await makeBase(payload, c)
  const value = valueFor(leaf, `written ${pathName(leaf.path)} ${locale} #${++counter}`)

  // The data a client sends: a whole new document for a create; otherwise the field, inside the
  // current group or array rows of this locale where it is nested.
  let data: Record<string, unknown>
  if (c.kind === 'create')
    data = setAt(fullTexts(target, locale, `created #${counter}`), leaf.path, value)
  else {
    const current = await storedIn(payload, target, id, locale)
    const top = String(leaf.path[0])
    data = {
      [top]:
        leaf.path.length === 1
          ? value
          : setAt((current as unknown as Record<string, unknown>)[top], leaf.path.slice(1), value),
    }
  }

  const otherBefore =
    id || target.type === 'global' ? await textsIn(payload, target, id, other) : null
  const anonBefore = await anonymousView(setup, c, id)

  const savedId = await save(payload, setup, c, id, data)

  // 1. Read back in the written locale, without fallback, as staff (latest version).
  const editor = setup.users.editor.token
  const path = target.type === 'global' ? `/globals/${target.slug}` : `/${target.slug}/${savedId}`
  const read = await setup.client.get(
    `${path}?locale=${locale}&fallback-locale=none&depth=0&draft=true`,
    { token: editor },
  )
  expect(read.status).toBe(200)
  expect(comparable(leaf, getAt(read.body, leaf.path))).toEqual(comparable(leaf, value))

  // 2. The other locale's texts are as they were (empty after a create in one locale).
  const otherAfter = await textsIn(payload, target, savedId, other)
  if (otherBefore) expect(otherAfter).toEqual(otherBefore)
  else
    for (const l of target.leaves) expect(otherAfter[pathName(l.path)]).toEqual(comparable(l, null))

  // 3. Anonymous readers: only a publish (or, as before, a plain staff save of a published
  // document with no pending draft) changes what they see.
  if (target.type === 'collection' && target.drafts) {
    const anonAfter = await anonymousView(setup, c, savedId)
    // With `_status` per locale, a plain save publishes when its own locale is live without a
    // draft pending there (the pending-draft base has its draft in the other locale), and the
    // other locale's live texts never change.
    const publishes =
      c.role === 'editor' &&
      (c.kind === 'publish' ||
        (c.kind === 'update' &&
          (target.localizedStatus
            ? c.base === 'both-locales' || c.base === 'pending-draft'
            : c.base !== 'pending-draft' && c.base !== 'none')))
    if (target.localizedStatus && anonBefore)
      expect((anonAfter as Record<string, unknown>)[other]).toEqual(anonBefore[other])
    if (!publishes) expect(anonAfter).toEqual(anonBefore ?? { en: 404, de: 404 })
    else {
      expect((anonAfter as Record<string, Record<string, unknown>>)[locale]).toEqual(
        expect.objectContaining({ [pathName(leaf.path)]: comparable(leaf, value) }),
      )
    }
  }
}
