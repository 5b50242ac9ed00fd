import {
  DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM,
  digitalSourceTypeURI,
  normalizeDigitalSourceType,
  toSchemaOrgDigitalSourceType,
} from '../constants'
import type { PublishRule } from '../disclosure/origins'
import { resolveDisclosure } from '../disclosure/resolve'

type AnyRecord = Record<string, unknown>

/** See {@link BuildNewsArticleJsonLdArgs.publicImage}. */
export type PublicImageResolver = (image: AnyRecord) => {
  height?: null | number
  mimeType?: null | string
  url: string
  width?: null | number
} | null

export type BuildNewsArticleJsonLdArgs = {
  /** Makes relative image URLs absolute, e.g. `https://example.com`. */
  baseURL?: string
  /** The document (an opted-in text collection, any depth). */
  doc: AnyRecord
  /** The headline; default: `title`, `headline` or `name` of the document. */
  headline?: string
  /** The image documents (upload collection with provenance fields). */
  images?: AnyRecord[]
  /**
   * The file of an image that anyone may fetch (e.g. a resized copy without the original's EXIF),
   * or null for none; an image without one is left out. Default: the image's own `url`, `width`
   * and `height`.
   */
  publicImage?: PublicImageResolver
  /** The locale the document was read in (the page's). */
  locale: string
  /** The locale whose text is shown when it is not `locale` (a fallback page): `inLanguage`. */
  shownLocale?: string
  /** The publish rule (see `resolveDisclosure`). */
  rule?: PublishRule
  /** The URLs of the document in every locale it is live in: `translationOfWork` / `workTranslation`. */
  alternates?: Record<string, string>
  /** The locale the document was first written in (its other locales are translations of it). */
  originalLocale?: string
  /** The public URL of the document. */
  url?: string
  /** `schema.org` (default) or `iptc` values for `digitalSourceType`. */
  vocabulary?: 'iptc' | 'schema.org'
}

const text = (...values: unknown[]): string | undefined =>
  values.find((value): value is string => typeof value === 'string' && value.trim() !== '')

const absolute = (url: unknown, baseURL?: string): string | undefined => {
  if (typeof url !== 'string' || !url) {
    return undefined
  }
  if (/^https?:\/\//i.test(url) || !baseURL) {
    return url
  }
  return `${baseURL.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`
}

const sourceType = (value: unknown, vocabulary: 'iptc' | 'schema.org'): string | undefined => {
  const uri = normalizeDigitalSourceType(value)
  if (!uri) {
    return undefined
  }
  return vocabulary === 'iptc' ? uri : toSchemaOrgDigitalSourceType(uri)
}

const withoutUndefined = (object: AnyRecord): AnyRecord =>
  Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && value !== null),
  )

/**
 * A schema.org `NewsArticle` for a document with AI disclosure: the text's `digitalSourceType` from
 * its origin in the shown locale (`resolveDisclosure`), its translation relations, and an `ImageObject` with its own
 * `digitalSourceType` per image.
 */
export const buildNewsArticleJsonLd = ({
  baseURL,
  doc,
  headline,
  images = [],
  locale,
  publicImage,
  url,
  vocabulary = 'schema.org',
  shownLocale,
  rule,
  alternates = {},
  originalLocale,
}: BuildNewsArticleJsonLdArgs): AnyRecord => {
  const disclosure = (doc.aiDisclosure ?? {}) as AnyRecord
  const resolved = resolveDisclosure(doc, locale, { rule, shownLocale })
  const inLanguage = resolved.locale
  const translatedFrom =
    text(disclosure.sourceLocale) ??
    (resolved.origin.endsWith('-translated') ? originalLocale : undefined)
  const translationOfWork =
    translatedFrom && translatedFrom !== inLanguage && alternates[translatedFrom]
      ? { '@type': 'NewsArticle', '@id': alternates[translatedFrom], inLanguage: translatedFrom }
      : undefined
  const workTranslation =
    originalLocale === inLanguage
      ? Object.entries(alternates)
          .filter(([code]) => code !== inLanguage && code !== 'x-default')
          .map(([code, href]) => ({ '@type': 'NewsArticle', '@id': href, inLanguage: code }))
      : []
  const meta = (doc.meta ?? {}) as AnyRecord
  const responsible = text(disclosure.editorialResponsibility)

  const imageObjects = images.flatMap((image) => {
    const file = publicImage
      ? publicImage(image)
      : {
          height: image.height as null | number | undefined,
          mimeType: image.mimeType as null | string | undefined,
          url: image.url as string,
          width: image.width as null | number | undefined,
        }
    if (!file?.url) return []
    const imageType =
      image.digitalSourceType ??
      (image.aiGenerated === true
        ? digitalSourceTypeURI(DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM)
        : undefined)
    const imageURL = absolute(file.url, baseURL)
    return [
      withoutUndefined({
        '@type': 'ImageObject',
        caption: text(image.caption, image.alt),
        contentUrl: imageURL,
        digitalSourceType: sourceType(imageType, vocabulary),
        encodingFormat: text(file.mimeType),
        height: typeof file.height === 'number' ? file.height : undefined,
        url: imageURL,
        width: typeof file.width === 'number' ? file.width : undefined,
      }),
    ]
  })

  return withoutUndefined({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    accountablePerson:
      responsible && disclosure.editorialResponsibilityType === 'person'
        ? { '@type': 'Person', name: responsible }
        : undefined,
    dateModified: text(doc.updatedAt),
    datePublished: text(doc.publishedAt, doc.publishedDate, doc.createdAt),
    description: text(doc.excerpt, doc.summary, doc.teaser, doc.description, meta.description),
    // stated for AI-made texts even when a review exempts them from the visible label
    digitalSourceType:
      resolved.origin === 'human' || resolved.origin === 'human-translated'
        ? undefined
        : sourceType(resolved.digitalSourceType, vocabulary),
    headline: headline ?? text(doc.title, doc.headline, doc.name, meta.title),
    image: imageObjects.length ? imageObjects : undefined,
    inLanguage,
    translationOfWork,
    workTranslation: workTranslation.length ? workTranslation : undefined,
    mainEntityOfPage: url,
    publisher:
      responsible && disclosure.editorialResponsibilityType !== 'person'
        ? { '@type': 'Organization', name: responsible }
        : undefined,
    url,
  })
}
