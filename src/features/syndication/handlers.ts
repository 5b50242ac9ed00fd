// The syndication answers as web Request → Response handlers: Next route files mount the sitemaps
// and feeds (src/app/(site)/), the plugin's endpoints the ninjs reads (under /api). Each answer is
// read by an anonymous reader on one request, so the response cache keeps it under the tags of what
// it read (its list reads name the `articles` collection, which every write to an article purges)
// and for `s-maxage` at most: the 48-hour news window moves on without any write.
import crypto from 'node:crypto'
import type { PayloadRequest, SanitizedConfig } from 'payload'

import { PUBLIC_CACHE_CONTROL, surrogateKeyOf } from '../cache/plugin'
import { publicMarkHeaders } from '../cache/publicMark'
import { LOCALE_CODES } from '../languages/locales'
import { publicUrl } from '../../server/publicUrl'
import { articleUrl, hreflangAlternates } from './alternates'
import { syndicationOptionsOf, type SyndicationOptions } from './config'
import { toItem } from './items'
import { jsonFeed, ninjsItem } from './json'
import {
  anonymousReader,
  articlesOfMonth,
  monthCount,
  newestArticles,
  newsCount,
  newsWindow,
  publicationMonths,
  publishedArticle,
  type Reader,
} from './read'
import {
  FEED_FORMATS,
  feedPath,
  monthSitemapPath,
  newsSitemapPath,
  ninjsFeedPath,
  ninjsItemPath,
  parseSitemapFile,
  type FeedFormat,
} from './urls'
import { atom, newsSitemap, rss, sitemapIndex, urlset } from './xml'

type Config = Promise<SanitizedConfig> | SanitizedConfig
type Params<T> = { params: Promise<T> }

const XML = 'application/xml; charset=utf-8'
const JSON_TYPE = 'application/json; charset=utf-8'

const weakEtag = (body: string) =>
  `W/"${Buffer.byteLength(body).toString(16)}-${crypto.createHash('sha1').update(body).digest('base64url')}"`

const notModified = (request: Request, etag: string) =>
  (request.headers.get('if-none-match') ?? '')
    .split(',')
    .some((tag) => tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))

/**
 * A public answer: an ETag (and 304 on a match); for pages also the tags and the public mark of its
 * reads (Payload's endpoints add those two from `req.responseHeaders` themselves).
 */
function answer(
  request: Request,
  req: PayloadRequest,
  body: string,
  contentType: string,
  { endpoint = false } = {},
): Response {
  const etag = weakEtag(body)
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': PUBLIC_CACHE_CONTROL,
    etag,
    ...(endpoint
      ? {}
      : {
          // An answer that found nothing still depends on the collection: a new article may belong here.
          'surrogate-key': surrogateKeyOf(req) || 'articles',
          ...publicMarkHeaders(req),
        }),
  }
  if (notModified(request, etag)) return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers })
}

const notFound = () =>
  new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': PUBLIC_CACHE_CONTROL },
  })

async function setup(configPromise: Config) {
  const config = await configPromise
  const options = syndicationOptionsOf(config)
  const reader = await anonymousReader(config)
  return { options, reader, origin: publicUrl() }
}

const syndicatedLocales = (options: SyndicationOptions) =>
  LOCALE_CODES.filter((l) => options.publications[l])

const newsSince = (options: SyndicationOptions) =>
  new Date(Date.now() - options.newsWindowHours * 3600_000)

const newsFiles = (count: number, options: SyndicationOptions) =>
  Math.max(1, Math.ceil(count / options.newsPerFile))

/** `GET /sitemap.xml`: each locale's news sitemaps and its monthly sitemaps. */
export const sitemapIndexGET = (configPromise: Config) => async (request: Request) => {
  const { options, reader, origin } = await setup(configPromise)
  const locs: string[] = []
  for (const locale of LOCALE_CODES) {
    if (options.publications[locale]) {
      const files = newsFiles(await newsCount(reader, locale, newsSince(options)), options)
      for (let file = 1; file <= files; file++)
        locs.push(`${origin}${newsSitemapPath(locale, file)}`)
    }
    for (const month of await publicationMonths(reader, locale)) {
      const files = Math.max(
        1,
        Math.ceil((await monthCount(reader, locale, month)) / options.sitemapMaxUrls),
      )
      for (let file = 1; file <= files; file++)
        locs.push(`${origin}${monthSitemapPath(locale, month, file)}`)
    }
  }
  return answer(request, reader.req, sitemapIndex(locs), XML)
}

async function monthSitemap(
  request: Request,
  reader: Reader,
  options: SyndicationOptions,
  origin: string,
  locale: string,
  month: string,
  file: number,
) {
  const { docs, total } = await articlesOfMonth(reader, locale, month, file, options.sitemapMaxUrls)
  if (!docs.length && (file > 1 || !total)) return notFound()
  const urls = docs.map((doc) => ({
    loc: articleUrl(origin, locale, doc.slug || String(doc.id)),
    lastmod: new Date(doc.updatedAt).toISOString(),
    alternates: hreflangAlternates(origin, doc.slug || String(doc.id), doc.publication),
  }))
  return answer(request, reader.req, urlset(urls), XML)
}

async function newsFile(
  request: Request,
  reader: Reader,
  options: SyndicationOptions,
  origin: string,
  locale: string,
  file: number,
) {
  const publication = options.publications[locale]
  if (!publication) return notFound()
  const { docs, total } = await newsWindow(
    reader,
    locale,
    newsSince(options),
    file,
    options.newsPerFile,
  )
  if (file > newsFiles(total, options)) return notFound()
  const urls = docs.map((doc) => ({
    loc: articleUrl(origin, locale, doc.slug || String(doc.id)),
    title: doc.title ?? '',
    publishedAt: new Date(
      doc.publication?.[locale as 'en']?.firstPublishedAt ?? doc.updatedAt,
    ).toISOString(),
  }))
  const xml = newsSitemap(urls, publication.name, publication.language.split('-')[0]!.toLowerCase())
  return answer(request, reader.req, xml, XML)
}

/** `GET /news-sitemap-<locale>.xml`: the first Google News file of a locale (route per locale). */
export const newsSitemapGET =
  (configPromise: Config, locale: string) => async (request: Request) => {
    const { options, reader, origin } = await setup(configPromise)
    return newsFile(request, reader, options, origin, locale, 1)
  }

/**
 * `GET /sitemaps/<file>`: `<locale>-<YYYY-MM>.xml` (and `-<n>.xml` from the month's second file
 * on) or `news-<locale>-<n>.xml` (n ≥ 2).
 */
export const sitemapFileGET =
  (configPromise: Config) =>
  async (request: Request, { params }: Params<{ file: string }>) => {
    const parsed = parseSitemapFile((await params).file, LOCALE_CODES)
    if (!parsed) return notFound()
    const { options, reader, origin } = await setup(configPromise)
    return parsed.kind === 'month'
      ? monthSitemap(request, reader, options, origin, parsed.locale, parsed.month, parsed.file)
      : newsFile(request, reader, options, origin, parsed.locale, parsed.file)
  }

/** `GET /<locale>/feed.xml|atom|json`: the newest items of a locale (route per format). */
export const feedGET =
  (configPromise: Config, format: FeedFormat) =>
  async (request: Request, { params }: Params<{ locale: string }>) => {
    const { locale } = await params
    const { options, reader, origin } = await setup(configPromise)
    const publication = options.publications[locale]
    if (!publication || !LOCALE_CODES.includes(locale)) return notFound()
    const docs = await newestArticles(reader, locale, options.feedItems, options.fullText)
    const items = docs.map((doc) => toItem(origin, locale, doc, options.fullText))
    const updated =
      items
        .map((i) => i.updatedAt)
        .sort()
        .at(-1) ?? new Date(0).toISOString()
    const head = {
      publication,
      self: `${origin}${feedPath(locale, format)}`,
      home: `${origin}/`,
      updated,
    }
    const body =
      format === 'rss'
        ? rss(head, items)
        : format === 'atom'
          ? atom(head, items)
          : JSON.stringify(jsonFeed(head, items))
    return answer(request, reader.req, body, FEED_FORMATS[format].contentType)
  }

const ninjsUri = (origin: string, locale: string) => (id: string) =>
  `${origin}${ninjsItemPath(id, locale)}`

/** The locale a ninjs request names (`?locale=`), if it is syndicated. */
const ninjsLocale = (req: PayloadRequest, options: SyndicationOptions) => {
  const locale = new URL(req.url ?? 'http://x/').searchParams.get('locale') ?? ''
  return syndicatedLocales(options).includes(locale) ? locale : undefined
}

const jsonError = (status: number, message: string) =>
  Response.json(
    { errors: [{ message }] },
    { status, headers: { 'cache-control': PUBLIC_CACHE_CONTROL } },
  )

/**
 * A ninjs endpoint: the request's locale checked, then `build` with an anonymous reader, the
 * locale, the public origin and its options; its value is the JSON answer (undefined: 404).
 */
const ninjsEndpoint =
  (
    build: (context: {
      req: PayloadRequest
      reader: Reader
      locale: string
      origin: string
      options: SyndicationOptions
      language: string
    }) => Promise<unknown>,
  ) =>
  async (req: PayloadRequest): Promise<Response> => {
    const options = syndicationOptionsOf(req.payload.config)
    const locale = ninjsLocale(req, options)
    if (!locale)
      return jsonError(400, `Name the language: ?locale=${syndicatedLocales(options).join('|')}`)
    const language = options.publications[locale]!.language
    const value = await build({
      req,
      reader: { payload: req.payload, req },
      locale,
      origin: publicUrl(),
      options,
      language,
    })
    if (value === undefined) return jsonError(404, 'Not found')
    const request = new Request(req.url ?? 'http://x/', { headers: req.headers })
    return answer(request, req, JSON.stringify(value), JSON_TYPE, { endpoint: true })
  }

/** Payload endpoint `GET /api/ninjs/articles/:id?locale=de`: one item in one published locale. */
export const ninjsArticleHandler = ninjsEndpoint(
  async ({ req, reader, locale, origin, language }) => {
    const id = String(req.routeParams?.id ?? '')
    if (!/^[\w-]{1,64}$/.test(id)) return undefined
    const doc = await publishedArticle(reader, id, locale)
    return doc && ninjsItem(toItem(origin, locale, doc, true), language, ninjsUri(origin, locale))
  },
)

/** Payload endpoint `GET /api/ninjs/feed?locale=de`: the newest items, in our envelope. */
export const ninjsFeedHandler = ninjsEndpoint(
  async ({ reader, locale, origin, options, language }) => {
    const docs = await newestArticles(reader, locale, options.feedItems, true)
    return {
      uri: `${origin}${ninjsFeedPath(locale)}`,
      language,
      publisher: options.publications[locale]!.name,
      items: docs.map((doc) =>
        ninjsItem(toItem(origin, locale, doc, true), language, ninjsUri(origin, locale)),
      ),
    }
  },
)
