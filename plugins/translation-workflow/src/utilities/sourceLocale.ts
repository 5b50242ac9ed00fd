import type { CollectionSlug, PayloadRequest } from 'payload'

import { nestedReq } from 'payload-nested-req'

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

/**
 * The document's source language: the code of the locale document its language field points at,
 * else `defaultSource`. Locale codes are cached for the request.
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
  return sourceLocaleOf(language, codes, defaultSource) ?? defaultSource
}
