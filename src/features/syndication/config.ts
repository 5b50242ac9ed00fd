// The syndication settings, set once in src/plugins.ts (syndicationPlugin) and kept on the config
// (`config.custom.syndication`) so the route handlers read the same values.
import type { SanitizedConfig } from 'payload'

/** What a feed says about the publication in one language. */
export type PublicationOptions = {
  /** The name as Google News knows it; the feeds' title and author (articles have no author). */
  name: string
  /** A sentence for the RSS channel and the JSON Feed. */
  description: string
  /** The feeds' language tag (BCP 47, e.g. `de-DE`); the news sitemap uses its language part. */
  language: string
}

export type SyndicationOptions = {
  /** Per locale code. A locale without an entry gets no feeds and no news sitemap. */
  publications: Record<string, PublicationOptions>
  /** Items in each feed (RSS, Atom, JSON Feed, ninjs): the newest N of that locale. */
  feedItems: number
  /** Feeds carry the body as HTML besides the lead. */
  fullText: boolean
  /** Google News: how far back first publication counts, and entries per file. */
  newsWindowHours: number
  newsPerFile: number
  /** URLs per monthly sitemap at most (the sitemaps.org limit is 50,000). */
  sitemapMaxUrls: number
}

export const DEFAULT_SYNDICATION: SyndicationOptions = {
  publications: {},
  feedItems: 50,
  fullText: true,
  newsWindowHours: 48,
  newsPerFile: 1000,
  sitemapMaxUrls: 50_000,
}

const KEY = 'syndication'

/** The options stored on the config by the plugin. */
export const syndicationOptionsOf = (config: SanitizedConfig): SyndicationOptions =>
  ((config.custom as Record<string, unknown> | undefined)?.[KEY] as SyndicationOptions) ??
  DEFAULT_SYNDICATION

export const SYNDICATION_CUSTOM_KEY = KEY
