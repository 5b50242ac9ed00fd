import type { Payload } from 'payload'

import { LOCALE_CODES } from '../features/languages/locales'
import { type Env, publicUrl } from './publicUrl'

/**
 * The reader page of the newest published article, in a locale it is published in (a per-locale
 * status: an English-only article has no German page), or undefined when nothing is published.
 */
export async function newestReaderPath(payload: Payload): Promise<string | undefined> {
  const newest = await Promise.all(
    LOCALE_CODES.map(async (locale) => {
      const { docs } = await payload.find({
        collection: 'articles',
        locale: locale as never,
        fallbackLocale: false as never,
        where: { _status: { equals: 'published' } },
        sort: '-publishedAt',
        limit: 1,
        depth: 0,
        select: { slug: true, publishedAt: true },
      })
      const doc = docs[0] as { slug?: string | null; publishedAt?: string | null } | undefined
      return doc?.slug ? { locale, slug: doc.slug, at: doc.publishedAt ?? '' } : undefined
    }),
  )
  // The newest over all locales; on a tie the first locale in the site's order.
  const best = newest.reduce<(typeof newest)[number]>(
    (a, b) => (!a || (b && b.at > a.at) ? b : a),
    undefined,
  )
  return best && `/${best.locale}/articles/${encodeURIComponent(best.slug)}`
}

/** The lines `npm start` prints when it is ready: addresses from `PUBLIC_URL`, the one that works. */
export function startMessage(options: {
  dev: boolean
  database: string
  readerPath?: string
  env?: Env
}): string[] {
  const origin = publicUrl(options.env)
  const lines = [
    `Newsroom CMS ready (${options.dev ? 'development' : 'production'}, ${options.database}): ${origin}/admin`,
  ]
  if (options.readerPath)
    lines.push(`Reader page of the newest article: ${origin}${options.readerPath}`)
  return lines
}
