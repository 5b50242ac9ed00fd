import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionSlug,
  Endpoint,
  PayloadRequest,
  TypedLocale,
} from 'payload'
import { APIError } from 'payload'

import { idOf } from '../ids'
import { keepLocale } from '../keepLocale'
import { lexicalToParagraphs } from '../richtext'
import { TRANSLATION_STATUSES, type TranslationStatus } from './fields'
import { hashTexts, isEmptyText } from './texts'

// Set when the workflow itself updates a status, so its own hooks do not react to it.
const INTERNAL = 'translationStatusUpdate'

type Doc = Record<string, unknown> & { id?: string; language?: unknown }

/** The document's source language: its `language` Locale, else the default locale. */
async function sourceLocaleOf(req: PayloadRequest, doc: Doc | undefined): Promise<string> {
  const fallback = req.payload.config.localization ? req.payload.config.localization.defaultLocale : 'en'
  const languageId = idOf(doc?.language)
  if (typeof languageId !== 'string') return fallback
  const cache = ((req.context.localeCodes as Map<string, string> | undefined) ??= new Map())
  if (!cache.has(languageId)) {
    const locale = await req.payload.findByID({ collection: 'locales', id: languageId, depth: 0, req, disableErrors: true })
    cache.set(languageId, locale?.code ?? fallback)
  }
  return cache.get(languageId)!
}

/** A document's own values in one locale (no fallback), latest draft included. */
const ownValues = (req: PayloadRequest, collection: string, id: string, locale: string) =>
  keepLocale(req, () => req.payload.findByID({
    collection: collection as CollectionSlug,
    id,
    locale: locale as TypedLocale,
    fallbackLocale: false,
    depth: 0,
    draft: true,
    overrideAccess: true,
    req,
  }) as unknown as Promise<Doc>)

/**
 * After a save, Payload's admin can show the source-language fallback in a still-empty translated
 * field (notably rich text); saving the form again would store that source text as the
 * "translation". A REST save of exactly the source text into a field that is empty in this locale
 * is such an echo, and is dropped (readers see the same text through the fallback anyway).
 * "Copy to locale" goes through the Local API and is kept.
 */
function dropFallbackEchoes(data: Record<string, unknown>, current: Doc, source: Doc, textFields: string[]) {
  for (const field of textFields) {
    if (data[field] === undefined || !isEmptyText(current[field]) || isEmptyText(data[field])) continue
    if (plainText(data[field]) === plainText(source[field])) data[field] = current[field] ?? null
  }
}

const plainText = (value: unknown) =>
  (typeof value === 'string' ? value : lexicalToParagraphs(value).join('\n')).replace(/\s+/g, ' ').trim()

/**
 * Keeps `translationStatus` of the locale being saved honest: the source language is "done";
 * a translation with no text is "missing", with some text "in progress" until someone marks it
 * "done" (which records the source texts' hash) or "needs review".
 */
export const setTranslationStatus =
  (textFields: string[]): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    if (req.context[INTERNAL] || !req.locale || req.locale === 'all') return data
    const source = await sourceLocaleOf(req, { ...originalDoc, ...data })
    if (req.locale === source) {
      data.translationStatus = 'done'
      data.translationSourceHash = null
      return data
    }
    const id = originalDoc?.id
    const current = id ? await ownValues(req, collection.slug, id, req.locale) : {}
    // The source texts, read at most once per save (for echoes and for the "done" hash).
    let sourceDoc: Promise<Doc> | undefined
    const sourceTexts = () => (sourceDoc ??= id ? ownValues(req, collection.slug, id, source) : Promise.resolve({}))
    if (id && req.payloadAPI === 'REST') dropFallbackEchoes(data, current, await sourceTexts(), textFields)
    const texts = Object.fromEntries(textFields.map((f) => [f, data[f] !== undefined ? data[f] : current[f]]))
    const requested = (data.translationStatus ?? current.translationStatus) as TranslationStatus | null | undefined

    if (textFields.every((f) => isEmptyText(texts[f]))) {
      data.translationStatus = 'missing'
    } else if (requested === 'done') {
      // Marked done just now: remember which source it translates.
      if (data.translationStatus === 'done' || !current.translationSourceHash) {
        data.translationSourceHash = hashTexts(await sourceTexts(), textFields)
      }
      data.translationStatus = 'done'
    } else if (requested === 'needs-review') {
      data.translationStatus = 'needs-review'
    } else {
      data.translationStatus = 'in-progress'
    }
    return data
  }

/** When a source text changes, every translation marked done becomes "needs review" (stale). */
export const markStaleTranslations =
  (textFields: string[]): CollectionAfterChangeHook =>
  async ({ collection, doc, req }) => {
    if (req.context[INTERNAL] || !req.locale || req.locale === 'all') return doc
    const source = await sourceLocaleOf(req, doc)
    if (req.locale !== source) return doc
    const sourceHash = hashTexts(doc, textFields)
    const locales = req.payload.config.localization ? req.payload.config.localization.localeCodes : []
    for (const locale of locales.filter((l) => l !== source)) {
      const translated = await ownValues(req, collection.slug, doc.id, locale)
      if (translated.translationStatus !== 'done' || translated.translationSourceHash === sourceHash) continue
      await keepLocale(req, () => req.payload.update({
        collection: collection.slug as CollectionSlug,
        id: doc.id,
        locale: locale as TypedLocale,
        data: { translationStatus: 'needs-review' } as never,
        // A draft edit of the source marks the draft; a published edit the published document.
        draft: doc._status === 'draft',
        overrideAccess: true,
        req,
        context: { [INTERNAL]: true },
      }))
    }
    return doc
  }

/** A positive integer query parameter (`page`, `limit`), with a clear 400 otherwise. */
function positiveInt(req: PayloadRequest, name: string, fallback: number, max = Infinity): number {
  const raw = req.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > max) {
    const range = Number.isFinite(max) ? `1 to ${max}` : 'at least 1'
    throw new APIError(`Query parameter "${name}" must be a whole number from ${range}.`, 400, { [name]: raw }, true)
  }
  return value
}

/** Most documents one translation-status page returns. */
export const MAX_STATUS_LIMIT = 100

/**
 * `GET /api/<collection>/translation-status?locale=de&page=1&limit=10`: per document, which
 * translatable fields are empty in that locale, a completeness percentage and the status;
 * paginated like Payload's REST lists (`sort` too, default the collection's), with `total` and
 * `complete` counted over the whole collection. For logged-in users.
 */
export const translationStatusEndpoint = (textFields: string[]): Endpoint => ({
  path: '/translation-status',
  method: 'get',
  handler: async (req) => {
    const locales = req.payload.config.localization ? req.payload.config.localization.localeCodes : []
    const locale = req.searchParams.get('locale')
    if (!locale || !locales.includes(locale)) {
      throw new APIError(`Query parameter "locale" must be one of: ${locales.join(', ')}.`, 400, { locale }, true)
    }
    if (!req.user) throw new APIError('Log in to see translation status.', 401, null, true)
    const page = positiveInt(req, 'page', 1)
    const limit = positiveInt(req, 'limit', 10, MAX_STATUS_LIMIT)
    const collection = req.routeParams?.collection as CollectionSlug | undefined
    const slug = collection ?? (req.pathname.split('/').at(-2) as CollectionSlug)
    const common = {
      collection: slug,
      locale: locale as TypedLocale,
      fallbackLocale: false as const,
      depth: 0,
      draft: true,
      overrideAccess: false,
      user: req.user,
      req,
    }
    // Only what the report needs: no afterRead work for the other fields (badges, relations).
    const select = Object.fromEntries([...textFields, 'translationStatus', 'language'].map((f) => [f, true]))
    const done = { translationStatus: { equals: 'done' } }
    const result = await req.payload.find({ ...common, page, limit, sort: req.searchParams.get('sort') ?? undefined, select: select as never })
    // Counted from an index on (locale, status). A stored "done" always has text: saving empty texts
    // sets "missing". Drafts live in the versions. After the find: the Local API resets
    // `req.fallbackLocale`, which the find's afterRead reads.
    const counted = req.payload.collections[slug]?.config.versions?.drafts
      ? await req.payload.countVersions({
          collection: slug,
          locale: locale as TypedLocale,
          where: { and: [{ latest: { equals: true } }, { 'version.translationStatus': done.translationStatus }] },
          overrideAccess: false,
          user: req.user,
          req,
        })
      : await req.payload.count({ collection: slug, locale: locale as TypedLocale, where: done as never, overrideAccess: false, user: req.user, req })
    const complete = counted.totalDocs
    const report = await Promise.all(
      (result.docs as unknown as Doc[]).map(async (doc) => {
        const emptyFields = textFields.filter((f) => isEmptyText(doc[f]))
        const sourceLocale = await sourceLocaleOf(req, doc)
        const stored = doc.translationStatus as TranslationStatus | null | undefined
        const status: TranslationStatus =
          emptyFields.length === textFields.length ? 'missing' : stored && TRANSLATION_STATUSES.includes(stored) ? stored : 'in-progress'
        return {
          id: doc.id,
          sourceLocale,
          status,
          emptyFields,
          completeness: Math.round(((textFields.length - emptyFields.length) / textFields.length) * 100),
        }
      }),
    )
    const { docs: _docs, ...pagination } = result
    return Response.json({ locale, fields: textFields, total: result.totalDocs, complete, docs: report, ...pagination })
  },
})
