// Every public URL of syndication, in one place (docs/syndication.md lists them).
import type { SyndicationOptions } from './config'

export const SITEMAP_INDEX_PATH = '/sitemap.xml'
/**
 * A locale's sitemap of one publication month: `/sitemaps/de-2026-12.xml`; a month with more URLs
 * than one file holds goes on in `/sitemaps/de-2026-12-2.xml` and so on.
 */
export const monthSitemapPath = (locale: string, month: string, file = 1) =>
  file === 1 ? `/sitemaps/${locale}-${month}.xml` : `/sitemaps/${locale}-${month}-${file}.xml`
/** A locale's Google News sitemap; from the second file on: `/sitemaps/news-de-2.xml`. */
export const newsSitemapPath = (locale: string, file = 1) =>
  file === 1 ? `/news-sitemap-${locale}.xml` : `/sitemaps/news-${locale}-${file}.xml`
export const feedPath = (locale: string, format: FeedFormat) =>
  `/${locale}/feed.${FEED_FORMATS[format].extension}`
/** ninjs, under Payload's API route. */
export const ninjsItemPath = (id: string | number, locale: string) =>
  `/api/ninjs/articles/${encodeURIComponent(String(id))}?locale=${locale}`
export const ninjsFeedPath = (locale: string) => `/api/ninjs/feed?locale=${locale}`

export const FEED_FORMATS = {
  rss: { extension: 'xml', contentType: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  atom: { extension: 'atom', contentType: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  json: {
    extension: 'json',
    contentType: 'application/feed+json; charset=utf-8',
    label: 'JSON Feed',
  },
} as const
export type FeedFormat = keyof typeof FEED_FORMATS

/** What a `/sitemaps/<file>` name means, or undefined for any other name. */
export function parseSitemapFile(
  file: string,
  locales: readonly string[],
):
  | { kind: 'month'; locale: string; month: string; file: number }
  | { kind: 'news'; locale: string; file: number }
  | undefined {
  const month = /^([a-z]{2,3})-(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/.exec(file)
  if (month && locales.includes(month[1]!))
    return { kind: 'month', locale: month[1]!, month: month[2]!, file: Number(month[3] ?? 1) }
  const news = /^news-([a-z]{2,3})-([2-9]|[1-9]\d{1,3})\.xml$/.exec(file)
  if (news && locales.includes(news[1]!))
    return { kind: 'news', locale: news[1]!, file: Number(news[2]) }
  return undefined
}

/** The `<link rel="alternate">` elements of a reader page in `locale`: its feeds. */
export function feedLinks(options: SyndicationOptions, locale: string) {
  const publication = options.publications[locale]
  if (!publication) return []
  return (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({
    type: FEED_FORMATS[format].contentType.split(';')[0]!,
    href: feedPath(locale, format),
    title: `${publication.name} (${FEED_FORMATS[format].label})`,
  }))
}
