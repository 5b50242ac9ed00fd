/** The plugin's i18n namespace and log prefix. */
export const PLUGIN_NAMESPACE = 'translation-workflow'

/** Import-map base of the plugin's admin components. */
export const PACKAGE_NAME = 'payload-plugin-translation-workflow'

/** The per-locale status values, in workflow order. */
export const TRANSLATION_STATUSES = ['missing', 'in-progress', 'needs-review', 'done'] as const
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number]

/** Names of the fields the plugin adds to tracked collections. */
export const STATUS_FIELD = 'translationStatus'
export const SOURCE_HASH_FIELD = 'translationSourceHash'

/** Request context flag: set when the workflow itself updates a status, so its hooks do not react. */
export const INTERNAL_UPDATE = 'translationStatusUpdate'

/** null, undefined and unknown values count as "missing". */
export const normalizeStatus = (value: unknown): TranslationStatus =>
  typeof value === 'string' && (TRANSLATION_STATUSES as readonly string[]).includes(value)
    ? (value as TranslationStatus)
    : 'missing'

/**
 * The one rule for a document's translation status in a locale, used by every read (REST,
 * GraphQL, Local API, the admin list and form), the translation-status endpoint and the dashboard:
 * the source language is "done"; another locale has its own stored status, and none (or no text
 * there at all) is "missing". A stored value never stands in for another locale (no fallback).
 */
export const effectiveStatus = ({
  locale,
  sourceLocale,
  stored,
  empty = false,
}: {
  locale: string
  /** Undefined when unknown (the language field was not read): the stored value decides. */
  sourceLocale: string | undefined
  stored: unknown
  /** True when every translatable text is empty in `locale`. */
  empty?: boolean
}): TranslationStatus => {
  if (locale === sourceLocale) return 'done'
  if (empty) return 'missing'
  return normalizeStatus(stored)
}

/**
 * The collection view that tells a translator why the create page is closed to them (key and path
 * under the collection). The app's admin route shows it at `/create` to logged-in users who may not
 * create there; Payload's own page said "Unauthorized – you must be logged in".
 */
export const CREATE_DENIED_VIEW = 'createDenied'
export const CREATE_DENIED_PATH = '/create-denied'
