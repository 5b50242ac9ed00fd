// What the reader pages show, read through the Local API with the visitor's own access
// (`overrideAccess: false`) on the page's request, which collects the cache tags of every document
// read (src/features/cache/plugin.ts; docs/site.md).
import type { Payload, PayloadRequest, TypedUser, Where } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

import { readPublishedUnlessAllowed } from '../accounts/roles'
import type { Article, Consent, Image, Locale, RelatedArticle } from '../../payload-types'
import { fallbackOf, LOCALE_CODES } from '../languages/locales'

/** Texts that came from the fallback language: tagged with their `lang`, and visibly marked in preview. */
export type FallbackFields = Set<string>

export type Teaser = {
  doc: RelatedArticle
  image?: Image
  /** Link to the full article in this CMS (published, or any in preview) or the external URL. */
  href?: string
  fallback: FallbackFields
  imageFallback: FallbackFields
}

export type ArticlePageData = {
  article: Article
  hero?: Image
  heroFallback: FallbackFields
  fallback: FallbackFields
  teasers: Teaser[]
}

export type SiteData = {
  locale: string
  /** Locale documents of every configured language, in configuration order. */
  locales: Locale[]
  current: Locale | undefined
  consent: Consent | undefined
  /** The language the page falls back to for missing texts. */
  fallbackLocale: string | undefined
  /** Preview mode: fallback texts are marked visibly. */
  preview: boolean
}

type Reader = {
  payload: Payload
  user: TypedUser | null
  locale: string
  preview?: boolean
  /**
   * The page's request: every read is judged on it for the public mark
   * (src/features/cache/publicMark.ts) and adds its documents' tags (`surrogateKeyOf(req)`).
   */
  req: PayloadRequest
}

/** A request of its own for each read (locale and user isolated), sharing the page's judgement and tags. */
const reqOf = (reader: Reader) => ({ req: nestedReq(reader.req) })

const asDoc = <T extends { id: string }>(value: unknown): T | undefined =>
  value && typeof value === 'object' && 'id' in value ? (value as T) : undefined

/** True when the user may read drafts of articles (the same rule as the collection's read access). */
export function canPreview(user: TypedUser | null): boolean {
  if (!user) return false
  return readPublishedUnlessAllowed({ req: { user } } as never) === true
}

/** The Locale documents, the current one and the consent global in the page's locale. */
export async function loadSite(reader: Reader): Promise<SiteData> {
  const { payload, user, locale } = reader
  const [locales, consent] = await Promise.all([
    payload.find({
      collection: 'locales',
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: false,
      user,
      ...reqOf(reader),
    }),
    payload
      .findGlobal({
        slug: 'consent',
        locale: locale as never,
        depth: 0,
        overrideAccess: false,
        user,
        ...reqOf(reader),
      })
      .catch(() => undefined),
  ])
  const order = LOCALE_CODES
  const docs = [...locales.docs].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))
  return {
    locale,
    locales: docs.filter((doc) => order.includes(doc.code)),
    current: docs.find((doc) => doc.code === locale),
    consent: consent as Consent | undefined,
    fallbackLocale: fallbackOf(locale),
    preview: Boolean(reader.preview),
  }
}

/** Keys whose text is empty in the page's locale but filled through the fallback. */
function fallbackKeys(
  shown: object | undefined,
  own: object | undefined,
  keys: string[],
): FallbackFields {
  const result: FallbackFields = new Set()
  const filled = (value: unknown) =>
    typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined
  for (const key of keys) {
    const a = (shown as Record<string, unknown> | undefined)?.[key]
    const b = (own as Record<string, unknown> | undefined)?.[key]
    if (filled(a) && !filled(b)) result.add(key)
  }
  return result
}

/** The page's locale and its configured fallback locale. */
function pageLocales({ locale }: Reader): string[] {
  const fallback = fallbackOf(locale)
  return fallback ? [locale, fallback] : [locale]
}

async function findArticle(
  reader: Reader,
  where: Where,
  { draft, fallback }: { draft: boolean; fallback: boolean },
): Promise<Article | undefined> {
  // Without fallback only the localized texts are read, to compare them with what is shown.
  const textsOnly = fallback
    ? {}
    : ({
        select: { title: true, summary: true, body: true, heroImage: true, relatedArticles: true },
        populate: {
          'related-articles': { title: true, summary: true, image: true },
          images: { alt: true, caption: true },
        },
      } as const)
  const { payload, user, locale } = reader
  const { docs } = await payload.find({
    collection: 'articles',
    where,
    locale: locale as never,
    fallbackLocale: fallback ? undefined : 'none',
    depth: 2,
    draft,
    overrideAccess: false,
    user,
    ...reqOf(reader),
    limit: 1,
    pagination: false,
    // Linked full articles only need what a link needs; teasers not the list of articles using them.
    populate: {
      articles: { slug: true, title: true, _status: true },
      'related-articles': { usedIn: false },
    },
    ...textsOnly,
  })
  return docs[0] as Article | undefined
}

/**
 * The article with this slug: the published version, or in preview (a user with draft access) the
 * latest saved draft. `undefined` when there is none the visitor may see.
 */
export async function loadArticle(
  reader: Reader,
  slug: string,
  preview: boolean,
): Promise<ArticlePageData | undefined> {
  // Published in the page's locale, or in the one it falls back to (shown as fallback text).
  const where: Where = preview
    ? { slug: { equals: slug } }
    : {
        and: [
          { slug: { equals: slug } },
          // the stored per-locale state (one indexed column per locale, docs/publishing.md)
          {
            or: pageLocales(reader).map((l) => ({ [`publication.${l}.live`]: { equals: true } })),
          },
        ],
      }
  const article = await findArticle(reader, where, { draft: preview, fallback: true })
  if (!article) return undefined
  // The same document without fallback tells which texts are not translated yet.
  const own = await findArticle(
    reader,
    { id: { equals: article.id } },
    { draft: preview, fallback: false },
  )
  const ownTeasers = new Map(
    (own?.relatedArticles ?? [])
      .map((t) => asDoc<RelatedArticle>(t))
      .filter(Boolean)
      .map((t) => [t!.id, t!]),
  )

  const hero = asDoc<Image>(article.heroImage)
  const teasers: Teaser[] = []
  for (const value of article.relatedArticles ?? []) {
    const doc = asDoc<RelatedArticle>(value)
    if (!doc) continue
    const image = asDoc<Image>(doc.image)
    const target = asDoc<Article>(doc.article)
    let href: string | undefined
    if (target?.slug && (preview || target._status === 'published'))
      href = `/${reader.locale}/articles/${target.slug}${preview ? '?preview=1' : ''}`
    else if (doc.url) href = doc.url
    const ownDoc = ownTeasers.get(doc.id)
    teasers.push({
      doc,
      image,
      href,
      fallback: fallbackKeys(doc, ownDoc, ['title', 'summary']),
      imageFallback: fallbackKeys(image, asDoc<Image>(ownDoc?.image), ['alt']),
    })
  }
  return {
    article,
    hero,
    heroFallback: fallbackKeys(hero, asDoc<Image>(own?.heroImage), ['alt', 'caption']),
    fallback: fallbackKeys(article, own, ['title', 'summary', 'body']),
    teasers,
  }
}

/** One teaser for its preview card (staff only; teasers have no drafts). */
export async function loadTeaser(reader: Reader, id: string): Promise<Teaser | undefined> {
  const read = (fallback: boolean) =>
    reader.payload
      .findByID({
        collection: 'related-articles',
        id,
        locale: reader.locale as never,
        fallbackLocale: fallback ? undefined : 'none',
        depth: 1,
        overrideAccess: false,
        user: reader.user,
        ...reqOf(reader),
        disableErrors: true,
        joins: false,
      })
      .catch(() => null)
  const [doc, own] = await Promise.all([read(true), read(false)])
  if (!doc) return undefined
  const image = asDoc<Image>(doc.image)
  const target = asDoc<Article>(doc.article)
  return {
    doc: doc as RelatedArticle,
    image,
    href: target?.slug
      ? `/${reader.locale}/articles/${target.slug}?preview=1`
      : (doc.url ?? undefined),
    fallback: fallbackKeys(doc, own ?? undefined, ['title', 'summary']),
    imageFallback: fallbackKeys(image, asDoc<Image>(own?.image), ['alt']),
  }
}
