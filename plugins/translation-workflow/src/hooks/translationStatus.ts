import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionBeforeReadHook,
  CollectionSlug,
  PayloadRequest,
  TypedLocale,
} from 'payload'

import { nestedReq } from '../utilities/nestedReq'

import {
  effectiveStatus,
  INTERNAL_UPDATE as INTERNAL,
  SOURCE_HASH_FIELD,
  STATUS_FIELD,
  type TranslationStatus,
} from '../constants'
import { resolveSourceLocale, type SourceSettings } from '../utilities/sourceLocale'
import { hashTexts, isEmptyText, plainText } from '../utilities/texts'

type Doc = Record<string, unknown> & { id?: string }

/**
 * A document's own values in one locale (no fallback), latest draft included: the text fields, the
 * translation status and what decides the source language (not the whole document).
 */
export const ownValues = (
  req: PayloadRequest,
  collection: string,
  id: string,
  locale: string,
  textFields: string[],
  sources: SourceSettings,
) =>
  req.payload.findByID({
    collection: collection as CollectionSlug,
    id,
    locale: locale as TypedLocale,
    fallbackLocale: false,
    depth: 0,
    draft: true,
    overrideAccess: true,
    select: Object.fromEntries(
      [
        ...textFields,
        STATUS_FIELD,
        SOURCE_HASH_FIELD,
        ...(sources.languageField ? [sources.languageField.field] : []),
      ].map((name) => [name, true]),
    ) as never,
    req: nestedReq(req),
  }) as unknown as Promise<Doc>

/**
 * After a save, Payload's admin can show the source-language fallback in a still-empty translated
 * field (notably rich text); saving the form again would store that source text as the
 * "translation". A REST save of exactly the source text into a field that is empty in this locale
 * is such an echo, and is dropped (readers see the same text through the fallback anyway).
 * "Copy to locale" goes through the Local API and is kept.
 */
function dropFallbackEchoes(
  data: Record<string, unknown>,
  current: Doc,
  source: Doc,
  textFields: string[],
) {
  for (const field of textFields) {
    if (data[field] === undefined || !isEmptyText(current[field]) || isEmptyText(data[field]))
      continue
    if (plainText(data[field]) === plainText(source[field])) data[field] = current[field] ?? null
  }
}

/**
 * Keeps `translationStatus` of the locale being saved honest: the source language is "done";
 * a translation with no text is "missing", with some text "in progress" until someone marks it
 * "done" (which records the source texts' hash) or "needs review".
 */
export const setTranslationStatus =
  (textFields: string[], sources: SourceSettings): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    if (req.context[INTERNAL] || !req.locale || req.locale === 'all') return data
    const source = await resolveSourceLocale(req, { ...originalDoc, ...data }, sources)
    if (req.locale === source) {
      data.translationStatus = 'done'
      data.translationSourceHash = null
      return data
    }
    const id = originalDoc?.id
    const current = id
      ? await ownValues(req, collection.slug, id, req.locale, textFields, sources)
      : {}
    // The source texts, read at most once per save (for echoes and for the "done" hash).
    let sourceDoc: Promise<Doc> | undefined
    const sourceTexts = () =>
      (sourceDoc ??= id
        ? ownValues(req, collection.slug, id, source, textFields, sources)
        : Promise.resolve({}))
    if (id && req.payloadAPI === 'REST')
      dropFallbackEchoes(data, current, await sourceTexts(), textFields)
    const texts = Object.fromEntries(
      textFields.map((f) => [f, data[f] !== undefined ? data[f] : current[f]]),
    )
    const requested = (data.translationStatus ?? current.translationStatus) as
      TranslationStatus | null | undefined

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
  (textFields: string[], sources: SourceSettings): CollectionAfterChangeHook =>
  async ({ collection, doc, operation, req }) => {
    // A new document has no translation yet that could be stale.
    if (operation === 'create' || req.context[INTERNAL] || !req.locale || req.locale === 'all')
      return doc
    const source = await resolveSourceLocale(req, doc, sources)
    if (req.locale !== source) return doc
    const sourceHash = hashTexts(doc, textFields)
    const locales = req.payload.config.localization
      ? req.payload.config.localization.localeCodes
      : []
    for (const locale of locales.filter((l) => l !== source)) {
      const translated = await ownValues(req, collection.slug, doc.id, locale, textFields, sources)
      if (
        translated.translationStatus !== 'done' ||
        translated.translationSourceHash === sourceHash
      )
        continue
      await req.payload.update({
        collection: collection.slug as CollectionSlug,
        id: doc.id,
        locale: locale as TypedLocale,
        data: { translationStatus: 'needs-review' } as never,
        // A draft edit of the source marks the draft; a published edit the published document.
        draft: doc._status === 'draft',
        overrideAccess: true,
        req: nestedReq(req),
        context: { [INTERNAL]: true },
      })
    }
    return doc
  }

/**
 * Every read shows the status from `effectiveStatus`, the rule the dashboard counts by: without
 * this, Payload's locale fallback would show the source language's "done" in a locale with no
 * translation, and a document would count as translated in the list but not on the dashboard.
 * Runs before Payload picks the locale's value (the document still holds one value per locale), so
 * only what is read changes, never what is stored.
 */
export const showEffectiveStatus =
  (sources: SourceSettings): CollectionBeforeReadHook =>
  async ({ doc, req }) => {
    const statuses = doc?.[STATUS_FIELD] as Record<string, unknown> | null | undefined
    // Not selected, or already one value (no localization): nothing to decide.
    if (!statuses || typeof statuses !== 'object' || !req.locale) return doc
    const locales = req.payload.config.localization
      ? req.payload.config.localization.localeCodes
      : []
    const field = sources.languageField?.field
    const sourceLocale =
      field && !(field in doc) ? undefined : await resolveSourceLocale(req, doc, sources)
    for (const locale of req.locale === 'all' ? locales : [req.locale]) {
      statuses[locale] = effectiveStatus({ locale, sourceLocale, stored: statuses[locale] })
    }
    return doc
  }
