import { afterAll, describe, expect, test } from '@jest/globals'
import type { Field } from 'payload'

import { api } from './helpers/api'
import { ensureConsentService, pngFile } from './helpers/fixtures'
import { type LocalizedLeaf, localizedLeaves, setAt, valueFor } from './helpers/localizedFields'
import { bootPayload, shutdown } from './helpers/payload'
import { formatNames } from 'payload'

// One answer, whichever API: documents written in English only, German only and in both, read
// through REST (the reference) and GraphQL (locale as argument and as query string), top-level and
// nested (depth 0–2), with the configured fallback and with `fallback-locale=none`. Generated from
// the config: every collection and global with localized texts, the badges included.

const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { payload, config } = ctx
const client = api(config)

const LOCALES = ['en', 'de'] as const
const STATES = ['en', 'de', 'both'] as const
type State = (typeof STATES)[number]

type Tree = { [key: string]: Tree | true }
type Target = {
  slug: string
  global: boolean
  fields: Field[]
  leaves: LocalizedLeaf[]
  relations: { name: string; to: string }[]
}

const hasBadges = (fields: Field[]) => fields.some((f) => 'name' in f && f.name === 'badges')
const targets: Target[] = [
  ...config.collections.map((c) => ({ slug: c.slug, global: false, fields: c.fields })),
  ...config.globals.map((g) => ({ slug: g.slug, global: true, fields: g.fields })),
]
  .map((t) => ({
    ...t,
    leaves: localizedLeaves(t.fields),
    relations: t.fields.flatMap((f) =>
      (f.type === 'relationship' || f.type === 'upload') && typeof f.relationTo === 'string'
        ? [{ name: f.name, to: f.relationTo }]
        : [],
    ),
  }))
  .filter((t) => t.leaves.length)
const bySlug = new Map(targets.map((t) => [t.slug, t]))

/** The selection of a target: its localized texts, badges and, `levels` deep, its related targets. */
function treeOf(target: Target, levels: number): Tree {
  let tree: Tree = {}
  for (const leaf of target.leaves)
    tree = setAt(
      tree,
      leaf.path.filter((k) => typeof k === 'string'),
      true,
    )
  if (hasBadges(target.fields)) tree.badges = { type: true, label: true }
  if (levels > 0) {
    for (const rel of target.relations) {
      const related = bySlug.get(rel.to)
      if (related) tree[rel.name] = treeOf(related, levels - 1)
    }
  }
  return tree
}

const selection = (tree: Tree): string =>
  Object.entries(tree)
    .map(([key, sub]) => (sub === true ? key : `${key} { ${selection(sub)} }`))
    .join(' ')

/** The values of a document at the selection's keys (rows of arrays one by one). */
function project(value: unknown, tree: Tree | true): unknown {
  if (tree === true || value === null || value === undefined) return value ?? null
  if (Array.isArray(value)) return value.map((row) => project(row, tree))
  if (typeof value !== 'object') return value // an unpopulated id: GraphQL would not have it either
  return Object.fromEntries(
    Object.entries(tree).map(([key, sub]) => [
      key,
      project((value as Record<string, unknown>)[key], sub),
    ]),
  )
}

// Fixtures: for each state an image, a teaser showing that image, and an article with that hero
// image and all three teasers, all published.
const ids: Record<string, Record<State, string>> = {
  images: {} as never,
  'related-articles': {} as never,
  articles: {} as never,
}
const textsFor = (target: Target, state: State, locale: string) =>
  target.leaves.reduce<Record<string, unknown>>(
    (data, leaf) =>
      setAt(
        data,
        leaf.path,
        valueFor(leaf, `${target.slug} ${state} ${leaf.path.join('.')} ${locale}`),
      ),
    {},
  )

async function write(slug: string, state: State, extra: Record<string, unknown>) {
  const target = bySlug.get(slug)!
  const [first, ...rest] = state === 'both' ? LOCALES : [state]
  const file = slug === 'images' ? await pngFile(`${state}.png`) : undefined
  const doc = await payload.create({
    collection: slug as 'articles',
    locale: first,
    data: { ...textsFor(target, state, first), ...extra } as never,
    file,
  })
  for (const locale of rest)
    await payload.update({
      collection: slug as 'articles',
      id: doc.id,
      locale,
      data: textsFor(target, state, locale) as never,
    })
  ids[slug][state] = String(doc.id)
}
for (const state of STATES) await write('images', state, { aiGenerated: state !== 'en' })
for (const state of STATES) {
  await write('related-articles', state, {
    image: ids.images[state],
    aiDisclosure: { origin: state !== 'de' ? 'ai-generated' : 'human' },
  })
}
for (const state of STATES) {
  await write('articles', state, {
    _status: 'published',
    heroImage: ids.images[state],
    relatedArticles: STATES.map((s) => ids['related-articles'][s]),
    aiDisclosure: { origin: 'ai-generated' },
  })
}
await ensureConsentService(payload)
for (const locale of LOCALES) {
  const consent = bySlug.get('consent')!
  const current = await payload.findGlobal({
    slug: 'consent',
    locale,
    fallbackLocale: false,
    depth: 0,
  })
  const data = consent.leaves.reduce<Record<string, unknown>>(
    (d, leaf) => setAt(d, leaf.path, valueFor(leaf, `consent ${leaf.path.join('.')} ${locale}`)),
    current as unknown as Record<string, unknown>,
  )
  await payload.updateGlobal({ slug: 'consent', locale, data: data as never })
}

type Read = {
  target: Target
  state: State | 'global'
  locale: string
  fallback: 'configured' | 'none'
  depth: number
}
const reads: Read[] = targets.flatMap((target) =>
  (target.global ? (['global'] as const) : STATES).flatMap((state) =>
    LOCALES.flatMap((locale) =>
      (['configured', 'none'] as const).flatMap((fallback) =>
        [0, 1, 2]
          .filter((depth) => depth === 0 || target.relations.some((r) => bySlug.has(r.to)))
          .map((depth) => ({ target, state, locale, fallback, depth })),
      ),
    ),
  ),
)

async function viaRest(r: Read) {
  const path = r.target.global
    ? `/globals/${r.target.slug}`
    : `/${r.target.slug}/${ids[r.target.slug][r.state as State]}`
  const res = await client.get(
    `${path}?locale=${r.locale}&depth=${r.depth}${r.fallback === 'none' ? '&fallback-locale=none' : ''}`,
  )
  expect(res.status).toBe(200)
  return project(res.body, treeOf(r.target, r.depth))
}

async function viaGraphQL(r: Read, localeAs: 'argument' | 'query string') {
  const name = formatNames(r.target.slug).singular
  const args: string[] = r.target.global ? [] : [`id: "${ids[r.target.slug][r.state as State]}"`]
  if (localeAs === 'argument')
    args.push(`locale: ${r.locale}`, ...(r.fallback === 'none' ? ['fallbackLocale: none'] : []))
  const tree = treeOf(r.target, r.depth)
  const query = `{ result: ${name}${args.length ? `(${args.join(', ')})` : ''} { ${selection(tree)} } }`
  const qs =
    localeAs === 'query string'
      ? `?locale=${r.locale}${r.fallback === 'none' ? '&fallback-locale=none' : ''}`
      : ''
  const request = new Request(`http://localhost/api/graphql${qs}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
  const body = await (await GRAPHQL_POST(Promise.resolve(config))(request)).json()
  expect(body.errors ?? null).toBeNull()
  return project(body.data.result, tree)
}

describe(`REST and GraphQL give one answer (${reads.length * 2} comparisons)`, () => {
  test('every collection and global with localized texts is compared', () => {
    expect(targets.map((t) => t.slug)).toEqual(
      expect.arrayContaining(['articles', 'related-articles', 'images', 'consent']),
    )
  })
  for (const r of reads) {
    for (const localeAs of ['argument', 'query string'] as const) {
      const name = `${r.target.slug} written in ${r.state}, read in ${r.locale}, ${r.fallback} fallback, depth ${r.depth}, GraphQL locale as ${localeAs}`
      test(name, async () => {
        expect(await viaGraphQL(r, localeAs)).toEqual(await viaRest(r))
      })
    }
  }
})
