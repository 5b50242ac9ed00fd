import { expect } from '@jest/globals'
import type { Payload, SanitizedConfig } from 'payload'
import { ORIGINS } from 'payload-plugin-ai-disclosure'

import { articlePageGET } from '../../src/features/site/handlers'
import { paragraphsToLexical } from '../../src/utilities/richtext'
import type { api as client } from './api'

// The AI-disclosure label matrix (issue 28): locale × origin × review state (none, current, stale
// after an edit through REST / GraphQL / the Local API) × publish rule → the label in REST, GraphQL,
// the reader page, JSON-LD and the teaser card. The expected labels are written out here, not
// computed by the resolver under test. The full matrix runs in `npm run test:matrix`; `npm test`
// runs a sample (tests/ai-disclosure-matrix.test.ts).

export const LOCALES = ['en', 'de'] as const
export { ORIGINS }
export const REVIEWS = ['none', 'current', 'stale-rest', 'stale-graphql', 'stale-local'] as const
export const RULES = ['label-always', 'exempt-when-reviewed'] as const

type Locale = (typeof LOCALES)[number]
type Origin = (typeof ORIGINS)[number]
type Review = (typeof REVIEWS)[number]
type Rule = (typeof RULES)[number]

export type MatrixCase = { locale: Locale; origin: Origin; review: Review }

/** Every document state; each is read under both rules. */
export const allCases = (): MatrixCase[] =>
  LOCALES.flatMap((locale) =>
    ORIGINS.flatMap((origin) => REVIEWS.map((review) => ({ locale, origin, review }))),
  )

/** A deterministic sample covering every locale, origin and review state at least once. */
export const sampleCases = (): MatrixCase[] =>
  allCases().filter((_, index) => index % 7 === 0 || index % 11 === 3)

export const caseName = (c: MatrixCase) => `${c.locale} · ${c.origin} · review ${c.review}`

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    'reported-by-ai': 'Reported by AI',
    'ai-assisted': 'Written with AI assistance',
    'machine-translated': 'Machine-translated from German',
    reviewed: 'editorially reviewed',
  },
  de: {
    'reported-by-ai': 'Von KI berichtet',
    'ai-assisted': 'Mit KI-Unterstützung verfasst',
    'machine-translated': 'Maschinell übersetzt aus dem Englischen',
    reviewed: 'redaktionell geprüft',
  },
}

const ORIGIN_KIND: Partial<Record<Origin, string>> = {
  'ai-generated': 'reported-by-ai',
  'ai-assisted': 'ai-assisted',
  'machine-translated': 'machine-translated',
}

/** The labels readers must see: written out, per the rules in docs/ai-disclosure.md. */
export const expectedLabels = (c: MatrixCase, rule: Rule): { type: string; label: string }[] => {
  const kind = ORIGIN_KIND[c.origin]
  if (!kind) return []
  const current = c.review === 'current'
  // every matrix document names an editorial responsibility
  if (rule === 'exempt-when-reviewed' && current) return []
  const kinds = current ? [kind, 'reviewed'] : [kind]
  return kinds.map((type) => ({ type, label: TEXT[c.locale][type]! }))
}

const SOURCE_TYPE: Record<Origin, string | undefined> = {
  human: undefined,
  'human-translated': undefined,
  'ai-generated': 'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
  'machine-translated': 'https://schema.org/TrainedAlgorithmicMediaDigitalSource',
  'ai-assisted': 'https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource',
}

type Api = ReturnType<typeof client>
type Ctx = { payload: Payload; config: SanitizedConfig; api: Api; editor: string }
type AnyDoc = Record<string, any>

let serial = 0

const disclosureOf = (c: MatrixCase) => ({
  origin: c.origin,
  editorialResponsibility: 'Newsroom GmbH',
  ...(c.origin.endsWith('translated') ? { sourceLocale: c.locale === 'en' ? 'de' : 'en' } : {}),
})

/** Makes the document and its teaser in the case's state; returns their ids and slug. */
export async function arrange(ctx: Ctx, c: MatrixCase) {
  const { payload, api, editor } = ctx
  const slug = `matrix-${++serial}-${c.locale}-${c.origin}-${c.review}`
  const teaser = await payload.create({
    collection: 'related-articles',
    locale: c.locale,
    data: { summary: `Teaser ${slug}.`, aiDisclosure: disclosureOf(c) } as never,
  })
  const created = await api.post(`/articles?locale=${c.locale}`, {
    token: editor,
    body: {
      _status: 'published',
      title: `Story ${slug}`,
      slug,
      summary: 'A lead.',
      body: paragraphsToLexical(['The text.']),
      relatedArticles: [teaser.id],
      aiDisclosure: disclosureOf(c),
    },
  })
  expect(created.status).toBe(201)
  const id = String(created.body.doc.id)
  const teaserId = String(teaser.id)
  if (c.review !== 'none') {
    for (const collection of ['articles', 'related-articles']) {
      const target = collection === 'articles' ? id : teaserId
      const res = await api.post(`/${collection}/${target}/approve?locale=${c.locale}`, {
        token: editor,
      })
      expect(res.status).toBe(200)
    }
  }
  const edit = { summary: 'A changed lead.' }
  if (c.review === 'stale-rest') {
    for (const [collection, target] of [
      ['articles', id],
      ['related-articles', teaserId],
    ] as const) {
      const res = await api.patch(`/${collection}/${target}?locale=${c.locale}`, {
        token: editor,
        body: edit,
      })
      expect(res.status).toBe(200)
    }
  } else if (c.review === 'stale-graphql') {
    const res = await api.graphql(
      `mutation { a: updateArticle(id: "${id}", locale: ${c.locale}, data: { summary: "A changed lead." }) { id }
        t: updateRelatedArticle(id: "${teaserId}", locale: ${c.locale}, data: { summary: "A changed lead." }) { id } }`,
      {},
      { token: editor },
    )
    expect(res.body.errors).toBeUndefined()
  } else if (c.review === 'stale-local') {
    await payload.update({ collection: 'articles', id, locale: c.locale, data: edit })
    await payload.update({
      collection: 'related-articles',
      id: teaserId,
      locale: c.locale,
      data: edit,
    })
  }
  return { id, teaserId, slug }
}

const settings = (config: SanitizedConfig, slug: string) =>
  config.collections.find((c) => (c.slug as string) === slug)!.custom['ai-disclosure'] as {
    rule: Rule
  }

const textBadges = (badges: AnyDoc[] | undefined) =>
  (badges ?? [])
    .filter((b) => b.type !== 'ai-image')
    .map((b) => ({ type: String(b.type), label: String(b.label) }))

const badgesInHtml = (html: string) =>
  [...html.matchAll(/data-badge="([^"]+)">([^<]*)</g)].map((m) => ({ type: m[1]!, label: m[2]! }))

/** Reads the case under `rule` through every channel and compares with the written-out labels. */
export async function checkDisclosure(
  ctx: Ctx,
  c: MatrixCase,
  made: { id: string; slug: string },
  rule: Rule,
) {
  const { api, config } = ctx
  const slugs = ['articles', 'related-articles']
  const before = slugs.map((s) => settings(config, s).rule)
  for (const s of slugs) settings(config, s).rule = rule
  try {
    const expected = expectedLabels(c, rule)
    const rest = (await api.get(`/articles/${made.id}?locale=${c.locale}&depth=1`)).body
    expect(rest.aiDisclosure.reviewStatus).toBe(
      c.review === 'none' ? 'none' : c.review === 'current' ? 'current' : 'stale',
    )
    expect(textBadges(rest.badges)).toEqual(expected)
    expect(textBadges(rest.relatedArticles[0].badges)).toEqual(expected)

    const gql = await api.graphql(
      `{ Article(id: "${made.id}", locale: ${c.locale}) { badges { type label } relatedArticles { badges { type label } } } }`,
    )
    expect(textBadges(gql.body.data.Article.badges)).toEqual(expected)
    expect(textBadges(gql.body.data.Article.relatedArticles[0].badges)).toEqual(expected)

    const res = await articlePageGET(config)(
      new Request(`http://localhost/${c.locale}/articles/${made.slug}`),
      { params: Promise.resolve({ locale: c.locale, slug: made.slug }) },
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    const [article, teaser] = html.split('class="related"')
    expect(badgesInHtml(article!)).toEqual(expected)
    expect(badgesInHtml(teaser!)).toEqual(expected)
    const jsonLd = JSON.parse(
      /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!,
    )
    expect(jsonLd.inLanguage).toBe(c.locale)
    expect(jsonLd.digitalSourceType).toBe(SOURCE_TYPE[c.origin])
  } finally {
    slugs.forEach((s, i) => (settings(config, s).rule = before[i]!))
  }
}
