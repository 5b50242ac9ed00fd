// Articles in every state syndication must tell apart, and the syndication answers as a client
// reads them (through the route handlers and endpoints, with web Requests, no server).
import type { Payload, SanitizedConfig } from 'payload'

import {
  feedGET,
  newsSitemapGET,
  sitemapFileGET,
  sitemapIndexGET,
} from '../../src/features/syndication/handlers'
import { publicUrl } from '../../src/server/publicUrl'
import { api } from '../helpers/api'

type Locale = 'en' | 'de'
export type Answer = { status: number; body: string; headers: Headers }

const read = async (res: Response): Promise<Answer> => ({
  status: res.status,
  body: await res.text(),
  headers: res.headers,
})

/** Any syndication URL (path only), answered by the handler that serves it. */
export async function fetchPath(
  config: SanitizedConfig,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const request = new Request(`http://localhost${path}`, { headers })
  if (path === '/sitemap.xml') return read(await sitemapIndexGET(config)(request))
  const news = /^\/news-sitemap-(\w+)\.xml$/.exec(path)
  if (news) return read(await newsSitemapGET(config, news[1]!)(request))
  const file = /^\/sitemaps\/([^/]+)$/.exec(path)
  if (file)
    return read(
      await sitemapFileGET(config)(request, { params: Promise.resolve({ file: file[1]! }) }),
    )
  const feed = /^\/(\w+)\/feed\.(xml|atom|json)$/.exec(path)
  if (feed) {
    const format = ({ xml: 'rss', atom: 'atom', json: 'json' } as const)[feed[2] as 'xml']
    return read(
      await feedGET(config, format)(request, { params: Promise.resolve({ locale: feed[1]! }) }),
    )
  }
  if (path.startsWith('/api/')) {
    const res = await api(config).get(path.slice('/api'.length))
    return { status: res.status, body: JSON.stringify(res.body), headers: res.headers }
  }
  throw new Error(`no handler for ${path}`)
}

/** The absolute URLs a sitemap index lists, as paths. */
export const locsOf = (xml: string) =>
  [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replace(publicUrl(), ''))

let counter = 0

/**
 * An article published in `locales` (the first creates it), titled `<title> <locale>`; with
 * `draftIn`, a saved but unpublished text in that locale.
 */
export async function story(
  payload: Payload,
  title: string,
  locales: Locale[],
  opts: { ai?: boolean; draftIn?: Locale; heroImage?: string } = {},
): Promise<string> {
  const [first, ...rest] = locales
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${++counter}`
  const doc = await payload.create({
    collection: 'articles',
    locale: first!,
    data: {
      title: `${title} ${first}`,
      summary: `Lead ${first} of ${title}`,
      slug,
      heroImage: opts.heroImage,
      aiDisclosure: { origin: opts.ai ? 'ai-generated' : 'human' },
      _status: 'published',
    },
  })
  for (const l of rest)
    await payload.update({
      collection: 'articles',
      id: doc.id,
      locale: l,
      data: {
        title: `${title} ${l}`,
        summary: `Lead ${l} of ${title}`,
        // each locale has its own origin (payload-plugin-ai-disclosure)
        aiDisclosure: { origin: opts.ai ? 'ai-generated' : 'human' },
        _status: 'published',
      },
    })
  if (opts.draftIn)
    await payload.update({
      collection: 'articles',
      id: doc.id,
      locale: opts.draftIn,
      draft: true,
      data: { title: `${title} ${opts.draftIn} DRAFT` },
    })
  return doc.id
}

/** Moves a locale's first publication back in time (as if published `hours` ago). */
export async function firstPublishedHoursAgo(
  payload: Payload,
  id: string,
  locale: Locale,
  hours: number,
) {
  const doc = (await payload.findByID({ collection: 'articles', id, depth: 0 })) as {
    publication: Record<string, unknown>
  }
  const publication = structuredClone(doc.publication) as Record<string, Record<string, unknown>>
  publication[locale]!.firstPublishedAt = new Date(Date.now() - hours * 3600_000).toISOString()
  await payload.db.updateOne({
    collection: 'articles',
    id,
    data: { publication },
    returning: false,
  })
}
