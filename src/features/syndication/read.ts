// Every read of syndication goes through Payload's Local API as an anonymous reader
// (`overrideAccess: false`, no user) on one request per answer: access, the per-locale visibility of
// src/features/publishing/ and the public image policy apply as to any reader, and the response
// cache tags and marks the answer from these reads (src/features/cache/plugin.ts). Each query filters
// on one locale's stored state (`publication.<locale>.live`) and sorts or ranges on its first
// publication time, which the index (live, firstPublishedAt, createdAt) of src/database/indexes.ts
// serves: no read walks the archive (docs/syndication.md has the query plans). Texts are read
// without fallback: a German feed never carries English text.
import {
  createLocalReq,
  getPayload,
  type Payload,
  type PayloadRequest,
  type SanitizedConfig,
  type Where,
} from 'payload'

import type { Article, Image } from '../../payload-types'
import { nestedReq } from '../../utilities/nestedReq'

export type Reader = { payload: Payload; req: PayloadRequest }

/** An anonymous reader on a request of its own, whose reads tag and mark one answer. */
export async function anonymousReader(
  config: Promise<SanitizedConfig> | SanitizedConfig,
): Promise<Reader> {
  const payload = await getPayload({ config: await config })
  return { payload, req: await createLocalReq({}, payload) }
}

const live = (locale: string): Where => ({ [`publication.${locale}.live`]: { equals: true } })
const first = (locale: string) => `publication.${locale}.firstPublishedAt`

/** `_status` is read with every document: without it the visibility hook reads each one again. */
const LINK_FIELDS = { slug: true, publication: true, updatedAt: true, _status: true } as const

const base = (reader: Reader, locale: string) =>
  ({
    collection: 'articles',
    locale: locale as never,
    fallbackLocale: 'none' as never,
    overrideAccess: false,
    user: null,
    draft: false,
    req: nestedReq(reader.req),
  }) as const

export type ArticleLink = Pick<Article, 'id' | 'slug' | 'publication' | 'updatedAt'>

/** The month (`YYYY-MM`, UTC) of a time. */
export const monthOf = (iso: string) => iso.slice(0, 7)
const monthStart = (month: string) => new Date(`${month}-01T00:00:00.000Z`)
const nextMonth = (month: string) => {
  const d = monthStart(month)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return d
}

/**
 * The months in which articles were first published in `locale`, oldest first: one indexed probe
 * per month that has any (the first publication at or after the start of the next month), so the
 * cost follows the number of months, not of articles.
 */
export async function publicationMonths(
  reader: Reader,
  locale: string,
  maxMonths = 1200,
): Promise<string[]> {
  const months: string[] = []
  let from: Date | undefined
  while (months.length < maxMonths) {
    const { docs } = await reader.payload.find({
      ...base(reader, locale),
      where: from
        ? { and: [live(locale), { [first(locale)]: { greater_than_equal: from.toISOString() } }] }
        : live(locale),
      sort: first(locale),
      limit: 1,
      pagination: false,
      depth: 0,
      select: { publication: true, _status: true },
    })
    const at = (docs[0] as Article | undefined)?.publication?.[locale as 'en']?.firstPublishedAt
    if (!at) break
    const month = monthOf(new Date(at).toISOString())
    months.push(month)
    from = nextMonth(month)
  }
  return months
}

const inMonth = (locale: string, month: string): Where => ({
  and: [
    live(locale),
    { [first(locale)]: { greater_than_equal: monthStart(month).toISOString() } },
    { [first(locale)]: { less_than: nextMonth(month).toISOString() } },
  ],
})

/**
 * The articles first published in `locale` in `month` (UTC), in that order: file `file` of
 * `perFile`, and how many the month has.
 */
export async function articlesOfMonth(
  reader: Reader,
  locale: string,
  month: string,
  file: number,
  perFile: number,
): Promise<{ docs: ArticleLink[]; total: number }> {
  const result = await reader.payload.find({
    ...base(reader, locale),
    where: inMonth(locale, month),
    sort: first(locale),
    limit: perFile,
    page: file,
    depth: 0,
    select: LINK_FIELDS,
  })
  return { docs: result.docs as ArticleLink[], total: result.totalDocs }
}

/** How many articles of `locale` match `where`, as an anonymous reader counts them. */
async function countOf(reader: Reader, locale: string, where: Where): Promise<number> {
  const { totalDocs } = await reader.payload.count({
    collection: 'articles',
    locale: locale as never,
    overrideAccess: false,
    user: null,
    req: nestedReq(reader.req),
    where,
  })
  return totalDocs
}

/** How many articles were first published in `locale` in `month` (the month's files to list). */
export const monthCount = (reader: Reader, locale: string, month: string) =>
  countOf(reader, locale, inMonth(locale, month))

export type NewsEntry = ArticleLink & Pick<Article, 'title'>

const firstSince = (locale: string, since: Date): Where => ({
  and: [live(locale), { [first(locale)]: { greater_than_equal: since.toISOString() } }],
})

/**
 * Google News: the articles first published in `locale` since `since`, newest first; page `file`
 * of `perFile`. The window holds two days of articles, so its count and offset stay small.
 */
export async function newsWindow(
  reader: Reader,
  locale: string,
  since: Date,
  file: number,
  perFile: number,
): Promise<{ docs: NewsEntry[]; total: number }> {
  const result = await reader.payload.find({
    ...base(reader, locale),
    where: firstSince(locale, since),
    sort: `-${first(locale)}`,
    limit: perFile,
    page: file,
    depth: 0,
    select: { ...LINK_FIELDS, title: true },
  })
  return { docs: result.docs as NewsEntry[], total: result.totalDocs }
}

/** How many articles were first published in `locale` since `since` (the news files to list). */
export const newsCount = (reader: Reader, locale: string, since: Date) =>
  countOf(reader, locale, firstSince(locale, since))

export type FeedEntry = ArticleLink &
  Pick<Article, 'title' | 'summary' | 'body' | 'aiDisclosure' | 'badges' | 'createdAt'> & {
    heroImage?: Image | string | null
  }

/** What feeds and ninjs show of an image: its texts, public copies and provenance. */
const IMAGE_FIELDS = {
  alt: true,
  caption: true,
  credit: true,
  sizes: true,
  digitalSourceType: true,
  aiGenerated: true,
  badges: true,
  updatedAt: true,
} as const

/** An item's fields (the body only when asked for) and its hero image's. */
const itemFields = (withBody: boolean) => ({
  depth: 1,
  select: {
    ...LINK_FIELDS,
    title: true,
    summary: true,
    ...(withBody ? ({ body: true } as const) : {}),
    heroImage: true,
    aiDisclosure: true,
    badges: true,
    createdAt: true,
  } as const,
  populate: { images: IMAGE_FIELDS },
})

/** The newest `limit` articles of `locale` by first publication, with texts and hero image. */
export async function newestArticles(
  reader: Reader,
  locale: string,
  limit: number,
  withBody: boolean,
): Promise<FeedEntry[]> {
  const { docs } = await reader.payload.find({
    ...base(reader, locale),
    where: live(locale),
    sort: `-${first(locale)}`,
    limit,
    pagination: false,
    ...itemFields(withBody),
  })
  return docs as FeedEntry[]
}

/** One article in `locale` if it is published there (ninjs), else undefined. */
export async function publishedArticle(
  reader: Reader,
  id: string,
  locale: string,
): Promise<FeedEntry | undefined> {
  const { docs } = await reader.payload.find({
    ...base(reader, locale),
    where: { and: [{ id: { equals: id } }, live(locale)] },
    limit: 1,
    pagination: false,
    ...itemFields(true),
  })
  return docs[0] as FeedEntry | undefined
}
