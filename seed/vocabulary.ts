// The page furniture the parser recognises in scraped documents, per site locale.
// It is data, not code: the importer builds it from the Locale documents, so a new
// language only needs a Locale document with its labels.

import { LOCALES } from '../src/features/languages/locales'

export interface LocaleLabels {
  relatedHeading: string
  aiTextBadge: string
  aiImageBadge: string
  consentHeading: string
  consentRejectLabel: string
  consentAcceptLabel?: string
}

/** Labels per locale code; key order is the locale priority (first = default fallback). */
export type Vocabulary = Record<string, LocaleLabels>

export const LABEL_KEYS = [
  'relatedHeading',
  'aiTextBadge',
  'aiImageBadge',
  'consentHeading',
  'consentRejectLabel',
  'consentAcceptLabel',
] as const satisfies readonly (keyof LocaleLabels)[]

export type LabelKey = (typeof LABEL_KEYS)[number]

// The built-in labels are the app's own (src/features/languages/locales.ts), used for a dry run without a database.
export const DEFAULT_VOCABULARY: Vocabulary = Object.fromEntries(
  LOCALES.map((l) => [l.code, { ...l.labels }]),
)

/** The shape of a Locale document as far as the parser cares (Payload returns null for empty fields). */
export interface LocaleDocLike {
  code: string
  labels?: Partial<Record<LabelKey, string | null | undefined>> | null
}

const EMPTY_LABELS: LocaleLabels = {
  relatedHeading: '',
  aiTextBadge: '',
  aiImageBadge: '',
  consentHeading: '',
  consentRejectLabel: '',
}

/**
 * Merges Locale documents over `base` (the built-in defaults unless given). Blank labels keep the
 * base value; a locale without defaults gets '' for missing labels, which the parser ignores.
 */
export function vocabularyFromLocaleDocs(
  docs: readonly LocaleDocLike[],
  base: Vocabulary = DEFAULT_VOCABULARY,
): Vocabulary {
  const result: Vocabulary = {}
  for (const [code, labels] of Object.entries(base)) result[code] = { ...labels }
  for (const doc of docs) {
    const code = typeof doc.code === 'string' ? doc.code.trim() : ''
    if (!code) continue
    const merged: LocaleLabels = { ...(result[code] ?? EMPTY_LABELS) }
    for (const key of LABEL_KEYS) {
      const value = doc.labels?.[key]
      if (typeof value === 'string' && value.trim()) merged[key] = value.trim()
    }
    result[code] = merged
  }
  return result
}
