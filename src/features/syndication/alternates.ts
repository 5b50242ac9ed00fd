// The one hreflang rule, for the reader pages' <head> and the sitemaps alike (they must agree):
// every published language version of an article, itself included, and `x-default` pointing at the
// default locale's version when that is published, else at the first published one in the order of
// src/features/languages/locales.ts. A locale that is not published is never listed.
import { DEFAULT_LOCALE } from '../languages/locales'
import { publishedLocales } from '../publishing/localePublication'

/** `publication.<locale>.live` as a read returns it (readers see `live: false` for hidden ones). */
export type PublicationState =
  Partial<Record<string, { live?: boolean | null } | null | undefined>> | null | undefined

/** The canonical URL of an article's page in one locale. */
export const articleUrl = (origin: string, locale: string, slug: string): string =>
  `${origin}/${locale}/articles/${encodeURIComponent(slug)}`

/** The locale `x-default` points at, or undefined when no locale is published. */
export function defaultVersion(publication: PublicationState): string | undefined {
  const live = publishedLocales(publication)
  return live.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : live[0]
}

/** hreflang → absolute URL, for every published locale plus `x-default`; empty when none is. */
export function hreflangAlternates(
  origin: string,
  slug: string,
  publication: PublicationState,
): Record<string, string> {
  const fallback = defaultVersion(publication)
  if (!fallback) return {}
  const result: Record<string, string> = {}
  for (const l of publishedLocales(publication)) result[l] = articleUrl(origin, l, slug)
  result['x-default'] = articleUrl(origin, fallback, slug)
  return result
}
