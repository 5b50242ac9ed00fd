// What the index holds for a document, and keeping it exact: every write of an article or a teaser
// replaces that document's entries in the same transaction as the write (./plugin.ts wires the hooks).
import { createLocalReq, type CollectionSlug, type Payload, type PayloadRequest } from 'payload'
import { resolveDisclosure } from 'payload-plugin-ai-disclosure'

import { nestedReq } from '../../utilities/nestedReq'
import { LOCALE_CODES } from '../languages/locales'
import { DISCLOSURE_RULE } from '../site/disclosureRule'
import type { LocalePublication } from '../publishing/localePublication'
import type { IndexEntry, SearchEngine, Scope } from './engine'
import { ANALYSIS_VERSION, indexTokens, type Language } from './linguistics'

export const ARTICLES = 'articles'
export const TEASERS = 'related-articles'
export const SEARCHED_COLLECTIONS = [ARTICLES, TEASERS] as const

/** The language whose analysis a locale's text gets. */
export const languageOf = (locale: string): Language => (locale === 'de' ? 'de' : 'en')

type LexicalNode = { type?: string; text?: unknown; children?: unknown }

/** The plain text of a Lexical document: text nodes joined, blocks on lines of their own. */
export function lexicalText(value: unknown): string {
  const lines: string[] = []
  const walk = (node: LexicalNode, line: string[]): void => {
    if (typeof node.text === 'string') line.push(node.text)
    if (!Array.isArray(node.children)) return
    const block = node.type !== 'root' && node.type !== 'text' && node.type !== 'link'
    const own: string[] = block ? [] : line
    for (const child of node.children as LexicalNode[]) walk(child ?? {}, own)
    if (block && own.length) lines.push(own.join(''))
  }
  const root = (value as { root?: LexicalNode } | null | undefined)?.root
  if (root) walk(root, [])
  return lines.join('\n')
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')
// Bounded work per entry: the body's first 100,000 characters are indexed.
const MAX_BODY = 100_000

function entry(
  scope: Scope,
  collection: string,
  doc: Record<string, unknown>,
  locale: string,
  fields: { href: string | null; firstPublishedAt: string | null; time: number },
): IndexEntry | undefined {
  const title = text(doc.title)
  const lead = text(doc.summary)
  const body = collection === ARTICLES ? lexicalText(doc.body).slice(0, MAX_BODY) : ''
  // A live article keeps its public entry without text (it matches nothing): the public entries
  // then tell exactly where the article is live, which its teasers' links follow (`reindex`).
  const empty = !title.trim() && !lead.trim() && !body.trim()
  if (empty && !(collection === ARTICLES && scope === 'public')) return undefined
  const language = languageOf(locale)
  // the labels the reader page of this locale shows (the entry holds only published text)
  const disclosure = resolveDisclosure(doc, locale, { rule: DISCLOSURE_RULE })
  let tokens: IndexEntry['tokens'] | undefined
  return {
    scope,
    collection,
    docId: String(doc.id),
    locale,
    title,
    lead,
    body,
    ...fields,
    origin: disclosure.origin,
    labels: disclosure.labels,
    // analysed only when the engine writes the entry (an unchanged entry is kept as stored)
    get tokens() {
      return (tokens ??= {
        title: indexTokens(title, language),
        lead: indexTokens(lead, language),
        body: indexTokens(body, language),
      })
    },
  }
}

type Read = (args: {
  collection: string
  id: string
  locale: string
  draft: boolean
}) => Promise<Record<string, unknown> | null>

// Only what the entries are made of (`entry`, the links, `resolveDisclosure`): no relationships,
// no virtual fields (their hooks ran a query per read).
const SELECT: Record<string, Record<string, true>> = {
  [ARTICLES]: {
    title: true,
    summary: true,
    body: true,
    slug: true,
    publication: true,
    publishedAt: true,
    updatedAt: true,
    aiDisclosure: true,
  },
  [TEASERS]: {
    title: true,
    summary: true,
    article: true,
    url: true,
    createdAt: true,
    aiDisclosure: true,
  },
}

type FlatField = { name: string; type: string; localized?: boolean; flattenedFields?: FlatField[] }

/** A `locale: 'all'` document as it reads in one locale (localized values picked, no fallback). */
function inLocale(doc: Record<string, unknown>, fields: FlatField[], locale: string) {
  const out: Record<string, unknown> = { ...doc }
  for (const field of fields) {
    if (!(field.name in doc)) continue
    const value = doc[field.name] as Record<string, unknown> | null | undefined
    if (field.localized) out[field.name] = value?.[locale]
    else if (field.type === 'group' && field.flattenedFields && value && typeof value === 'object')
      out[field.name] = inLocale(value, field.flattenedFields, locale)
  }
  return out
}

/**
 * Reads each document once in every locale (once published, once as the latest draft) and hands
 * out its locales from that: half the reads of one read per locale, the same values.
 */
const reader = (req: PayloadRequest): Read => {
  const reads = new Map<string, Promise<Record<string, unknown> | null>>()
  return async ({ collection, id, locale, draft }) => {
    const key = `${collection}\n${id}\n${draft}`
    let read = reads.get(key)
    if (!read)
      reads.set(
        key,
        (read = req.payload.findByID({
          collection: collection as CollectionSlug,
          id,
          locale: 'all',
          draft,
          depth: 0,
          select: SELECT[collection] as never,
          overrideAccess: true,
          disableErrors: true,
          req: nestedReq(req),
        }) as Promise<Record<string, unknown> | null>),
      )
    const doc = await read
    const fields = req.payload.collections[collection as CollectionSlug].config.flattenedFields
    return doc && inLocale(doc, fields as FlatField[], locale)
  }
}

const articleHref = (locale: string, slug: unknown) =>
  typeof slug === 'string' && slug ? `/${locale}/articles/${encodeURIComponent(slug)}` : null

const timeOf = (value: unknown) => {
  const t = typeof value === 'string' ? Date.parse(value) : NaN
  return Number.isFinite(t) ? t : 0
}

/** An article's entries: each published locale's live text (public) and each locale's latest draft (staff). */
async function articleEntries(read: Read, id: string): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = []
  for (const locale of LOCALE_CODES) {
    const published = await read({ collection: ARTICLES, id, locale, draft: false })
    if (!published) return []
    const publication = (published.publication ?? {}) as Record<
      string,
      LocalePublication | undefined
    >
    const state = publication[locale]
    if (state?.live) {
      const e = entry('public', ARTICLES, published, locale, {
        href: articleHref(locale, published.slug),
        firstPublishedAt: state.firstPublishedAt ?? null,
        time: timeOf(state.firstPublishedAt ?? published.publishedAt),
      })
      if (e) entries.push(e)
    }
    const draft = await read({ collection: ARTICLES, id, locale, draft: true })
    const e =
      draft &&
      entry('staff', ARTICLES, draft, locale, {
        href: articleHref(locale, draft.slug),
        firstPublishedAt: state?.firstPublishedAt ?? null,
        time: timeOf(draft.updatedAt),
      })
    if (e) entries.push(e)
  }
  return entries
}

/**
 * A teaser's entries: teasers have no drafts and anyone may read them, so each locale with its own
 * text is public. It links to its article's page where that article is published in the locale,
 * else to its own URL.
 */
async function teaserEntries(read: Read, id: string): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = []
  for (const locale of LOCALE_CODES) {
    const doc = await read({ collection: TEASERS, id, locale, draft: false })
    if (!doc) return []
    const articleId =
      typeof doc.article === 'string' || typeof doc.article === 'number'
        ? String(doc.article)
        : undefined
    const article = articleId
      ? await read({ collection: ARTICLES, id: articleId, locale, draft: false })
      : null
    const live = (article?.publication as Record<string, LocalePublication> | undefined)?.[locale]
    const href = (live?.live && articleHref(locale, article?.slug)) || text(doc.url) || null
    for (const scope of ['public', 'staff'] as const) {
      const e = entry(scope, TEASERS, doc, locale, {
        href,
        firstPublishedAt: null,
        time: timeOf(doc.createdAt),
      })
      if (e) entries.push(e)
    }
  }
  return entries
}

/** Where a document's public entries link to, per locale: for an article, where it is live. */
const publicLinks = (entries: { scope: Scope; locale: string; href: string | null }[]) =>
  entries
    .filter((e) => e.scope === 'public')
    .map((e) => `${e.locale} ${e.href ?? ''}`)
    .sort()
    .join('\n')

/**
 * Replaces a document's entries with what it holds now (none once it is deleted). Answers whether
 * its public links changed: an article's teasers link to its page where it is live, so they need
 * re-indexing only then.
 */
export async function reindex(
  engine: SearchEngine,
  req: PayloadRequest,
  collection: string,
  id: string | number,
): Promise<boolean> {
  const read = reader(req)
  const docId = String(id)
  const entries =
    collection === ARTICLES ? await articleEntries(read, docId) : await teaserEntries(read, docId)
  const before = await engine.replace(req, collection, docId, entries)
  return publicLinks(before) !== publicLinks(entries)
}

/** The teasers that link to an article: their links follow its publication. */
export async function teasersOf(
  req: PayloadRequest,
  articleId: string | number,
): Promise<string[]> {
  const { docs } = await req.payload.find({
    collection: TEASERS as CollectionSlug,
    where: { article: { equals: articleId } },
    depth: 0,
    limit: 100,
    pagination: false,
    select: {} as never,
    overrideAccess: true,
    req: nestedReq(req),
  })
  return (docs as { id: string | number }[]).map((d) => String(d.id))
}

/**
 * Builds the index from every article and teaser when it was built with another analysis (or
 * never): at start, so a fresh database, a dev push and a changed analysis all end up exact.
 */
export async function rebuildIfStale(engine: SearchEngine, payload: Payload): Promise<number> {
  await engine.ensure()
  if ((await engine.meta('analysis')) === String(ANALYSIS_VERSION)) return 0
  return rebuild(engine, payload)
}

export async function rebuild(engine: SearchEngine, payload: Payload): Promise<number> {
  const req = await createLocalReq({}, payload)
  await engine.clear()
  let count = 0
  for (const collection of SEARCHED_COLLECTIONS) {
    for (let page = 1; ; page++) {
      const { docs, hasNextPage } = await payload.find({
        collection: collection as CollectionSlug,
        depth: 0,
        limit: 200,
        page,
        select: {} as never,
        overrideAccess: true,
      })
      for (const { id } of docs as { id: string | number }[]) {
        await reindex(engine, req, collection, id)
        count++
      }
      if (!hasNextPage) break
    }
  }
  await engine.meta('analysis', String(ANALYSIS_VERSION))
  return count
}
