import {
  DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM,
  digitalSourceTypeURI,
  normalizeDigitalSourceType,
  toSchemaOrgDigitalSourceType,
} from '../constants'

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
  /** The locale of the document (`inLanguage`). */
  locale: string
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
 * A schema.org `NewsArticle` for a document with AI disclosure: `digitalSourceType`
 * (trained algorithmic media) when the text was reported by AI, and an `ImageObject` with its own
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
}: BuildNewsArticleJsonLdArgs): AnyRecord => {
  const disclosure = (doc.aiDisclosure ?? {}) as AnyRecord
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
    digitalSourceType:
      disclosure.reportedByAI === true
        ? sourceType(digitalSourceTypeURI(DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM), vocabulary)
        : undefined,
    headline: headline ?? text(doc.title, doc.headline, doc.name, meta.title),
    image: imageObjects.length ? imageObjects : undefined,
    inLanguage: locale,
    mainEntityOfPage: url,
    publisher:
      responsible && disclosure.editorialResponsibilityType !== 'person'
        ? { '@type': 'Organization', name: responsible }
        : undefined,
    url,
  })
}
