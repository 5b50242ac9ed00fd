import type { CollectionSlug, PayloadRequest } from 'payload'

import { nestedReq } from './nestedReq'

import type { SourceLanguageField } from '../types'

import { sourceLocaleOf } from './shared'

/** How the plugin finds a document's source language (resolved from the options). */
export type SourceSettings = {
  /** Source language of documents that do not name one. */
  defaultSource: string
  languageField?: Required<SourceLanguageField>
}

const CACHE = 'translationWorkflowLocaleCodes'

/** The id of a language value that names no code itself (an id, or a populated doc without one). */
const unresolvedId = (value: unknown): string | undefined => {
  if (value === null || value === undefined || value === '') return undefined
  if (typeof value === 'object') {
    const doc = value as Record<string, unknown>
    return typeof doc.code === 'string' && doc.code ? undefined : unresolvedId(doc.id ?? doc.value)
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}

// Locale codes by document id, per Payload instance. Every read of a tracked document asks for
// its source language, so the codes are read once (one query for all) and kept; a change to the
// language collection clears them (`forgetLanguageCodes`), and they expire after a minute so a
// change made by another instance is seen too.
const CODES_TTL_MS = 60_000
const codesOf = new WeakMap<object, { at: number; codes: Promise<Map<string, string>> }>()

/** Clears the kept codes (an afterChange/afterDelete hook of the language collection calls it). */
export const forgetLanguageCodes = (payload: object): void => void codesOf.delete(payload)

function languageCodes(
  req: PayloadRequest,
  { collection, codeField }: Required<SourceLanguageField>,
): Promise<Map<string, string>> {
  const kept = codesOf.get(req.payload)
  if (kept && Date.now() - kept.at < CODES_TTL_MS) return kept.codes
  // Outside the request (no req): shared by every request, and not one of the request's reads.
  const codes = req.payload
    .find({
      collection: collection as CollectionSlug,
      depth: 0,
      pagination: false,
      select: { [codeField]: true } as never,
      overrideAccess: true,
    })
    .then(({ docs }) => {
      const map = new Map<string, string>()
      for (const doc of docs as Record<string, unknown>[]) {
        const code = doc[codeField]
        if (typeof code === 'string' && code) map.set(String(doc.id), code)
      }
      return map
    })
  codesOf.set(req.payload, { at: Date.now(), codes })
  codes.catch(() => forgetLanguageCodes(req.payload))
  return codes
}

/**
 * The document's source language: the code of the locale document its language field points at,
 * else `defaultSource`. Codes come from the kept list; a locale document it does not know yet (made
 * in this request's transaction) is read within the request.
 */
export async function resolveSourceLocale(
  req: PayloadRequest,
  doc: Record<string, unknown> | undefined,
  { defaultSource, languageField }: SourceSettings,
): Promise<string> {
  if (!languageField) return defaultSource
  const language = doc?.[languageField.field]
  const codes = ((req.context[CACHE] as Map<string, string> | undefined) ??= new Map())
  const id = unresolvedId(language)
  if (id !== undefined && !codes.has(id)) {
    const known = (await languageCodes(req, languageField)).get(id)
    if (known) codes.set(id, known)
    else {
      const locale = (await req.payload.findByID({
        collection: languageField.collection as CollectionSlug,
        id,
        depth: 0,
        req: nestedReq(req),
        disableErrors: true,
        overrideAccess: true,
      })) as Record<string, unknown> | null
      const code = locale?.[languageField.codeField]
      codes.set(id, typeof code === 'string' && code ? code : defaultSource)
    }
  }
  return sourceLocaleOf(language, codes, defaultSource) ?? defaultSource
}
