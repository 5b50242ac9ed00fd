/**
 * Syndication (docs/syndication.md): sitemaps with hreflang, Google News sitemaps, RSS/Atom/JSON
 * Feed per language and IPTC ninjs, all from the per-locale publication state. The options are kept
 * on the config for the route handlers (src/app/(site)/); the ninjs reads are Payload endpoints.
 */
import type { Config, Plugin } from 'payload'

import { DEFAULT_SYNDICATION, SYNDICATION_CUSTOM_KEY, type SyndicationOptions } from './config'
import { ninjsArticleHandler, ninjsFeedHandler } from './handlers'

export type { SyndicationOptions } from './config'

export const syndicationPlugin =
  (options: Partial<SyndicationOptions>): Plugin =>
  (config: Config): Config => ({
    ...config,
    custom: {
      ...config.custom,
      [SYNDICATION_CUSTOM_KEY]: { ...DEFAULT_SYNDICATION, ...options } satisfies SyndicationOptions,
    },
    endpoints: [
      ...(config.endpoints ?? []),
      { path: '/ninjs/articles/:id', method: 'get', handler: ninjsArticleHandler },
      { path: '/ninjs/feed', method: 'get', handler: ninjsFeedHandler },
    ],
  })
