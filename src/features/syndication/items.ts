// One feed item as every format shows it: the article in one locale, its URL, texts, public hero
// image and AI labels. The formats (./xml.ts, ./json.ts) only write what this decides.
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { publicImage } from '../images/publicImage'
import { articleUrl } from './alternates'
import { resolveDisclosure, type ResolvedDisclosure } from 'payload-plugin-ai-disclosure'
import { v5 as uuidV5 } from 'uuid'

import { DISCLOSURE_RULE } from '../site/disclosureRule'
import type { FeedEntry } from './read'
import type { Image } from '../../payload-types'

export type ItemImage = {
  url: string
  mimeType: string | null
  width: number | null
  height: number | null
  filesize: number | null
  alt: string | null
  caption: string | null
  credit: string | null
  digitalSourceType: string | null
  /** The image's own AI label in this locale (`ai-image` badge). */
  label: string | null
}

export type Item = {
  id: string
  /** The entry's id in every feed format: the article in this locale, whatever its slug or host. */
  entryId: string
  url: string
  title: string
  summary: string | null
  html: string | null
  firstPublishedAt: string
  updatedAt: string
  image: ItemImage | null
  disclosure: ResolvedDisclosure
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab, newline, return; lone surrogates).
const NOT_XML =
  /[\u0000-\u0008\v\f\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** A stored text as every format may carry it. */
export const clean = (text: string | null | undefined): string => (text ?? '').replace(NOT_XML, '')

/** The absolute URL of a public image copy (Payload forms them relative without `serverURL`). */
const absolute = (origin: string, url: string) =>
  /^https?:\/\//.test(url) ? url : `${origin}${url}`

function itemImage(origin: string, image: Image | string | null | undefined): ItemImage | null {
  if (!image || typeof image !== 'object') return null
  const copy = publicImage(image as unknown as Record<string, unknown>)
  if (!copy) return null
  const size = Object.values(image.sizes ?? {}).find((s) => s?.filename === copy.filename) as
    { filesize?: number | null } | undefined
  return {
    url: absolute(origin, copy.url),
    mimeType: copy.mimeType,
    width: copy.width,
    height: copy.height,
    filesize: size?.filesize ?? null,
    alt: clean(image.alt) || null,
    caption: clean(image.caption) || null,
    credit: clean(image.credit) || null,
    digitalSourceType: image.digitalSourceType ?? null,
    label: (image.badges ?? []).find((b) => b?.type === 'ai-image')?.label ?? null,
  }
}

// Entry ids must never change (RFC 4287 4.2.6; feed readers dedupe by them), also when an article's
// slug or the site's address does: a name-based UUID (v5) of the article's id and the locale, so
// each language version is its own entry.
const FEED_ENTRIES = '6f1c7d4e-2b1a-4c55-9a0e-3d6b8f2a9c11'
export const entryIdOf = (id: string | number, locale: string) =>
  `urn:uuid:${uuidV5(`${id}:${locale}`, FEED_ENTRIES)}`

/** The article as one item of `locale`'s feeds (it is published there: the query asked for that). */
export function toItem(origin: string, locale: string, doc: FeedEntry, withBody: boolean): Item {
  const publication = doc.publication?.[locale as 'en']
  return {
    id: String(doc.id),
    entryId: entryIdOf(doc.id, locale),
    url: articleUrl(origin, locale, doc.slug || String(doc.id)),
    title: clean(doc.title),
    summary: clean(doc.summary) || null,
    html: withBody && doc.body ? clean(convertLexicalToHTML({ data: doc.body as never })) : null,
    firstPublishedAt: new Date(publication?.firstPublishedAt ?? doc.createdAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
    image: itemImage(origin, doc.heroImage),
    // the feed's locale is published, so its text (never a fallback's) and its own label are shown
    disclosure: resolveDisclosure(doc as unknown as Record<string, unknown>, locale, {
      rule: DISCLOSURE_RULE,
    }),
  }
}

/** The scheme of the AI label categories (feeds) and the IPTC vocabulary of digital source types. */
export const LABEL_SCHEME = 'urn:newsroom:ai-label'
export const DIGITAL_SOURCE_TYPE_SCHEME = 'http://cv.iptc.org/newscodes/digitalsourcetype/'
