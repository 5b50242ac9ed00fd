import type { CollectionSlug, FieldAccess, PayloadRequest } from 'payload'

/**
 * Where a document says which language it was written in: a relationship field pointing at a
 * collection of locale documents that carry the locale code (e.g. `language` → `locales.code`).
 */
export type SourceLanguageField = {
  /** Slug of the collection of locale documents, e.g. `locales`. */
  collection: CollectionSlug
  /** The field of a locale document that holds the locale code. Default: `code`. */
  codeField?: string
  /** Name of the top-level relationship field on tracked documents, e.g. `language`. */
  field: string
}

/** Options of `translationWorkflowPlugin`. */
export type TranslationWorkflowPluginOptions = {
  /**
   * Slugs of the collections with a per-locale `translationStatus` (missing, in progress, needs
   * review, done) that turns stale when the source text changes, the
   * `GET /api/<slug>/translation-status?locale=…` endpoint and a section on the dashboard,
   * e.g. `['articles', 'related-articles']`.
   */
  collections: CollectionSlug[]
  /**
   * Show the "missing translations" list above the admin dashboard. Default: true.
   */
  dashboard?: boolean
  /**
   * `false` switches the plugin's behaviour off (hooks, guard, endpoint, admin components) but
   * still adds its fields, so the database schema stays stable for migrations. Default: true.
   */
  enabled?: boolean
  /**
   * Who may read `translationStatus` and its bookkeeping (`translationSourceHash`): the state of
   * every locale's text, also of one a reader may not see yet. Default: whoever may read the
   * document (Payload's default).
   *
   * @example
   * ```ts
   * statusReadAccess: ({ req }) => Boolean(req.user)
   * ```
   */
  statusReadAccess?: FieldAccess
  /**
   * The language each document is written in, when it can differ per document. Without it every
   * document's source language is `sourceLocale`.
   */
  sourceLanguageField?: SourceLanguageField
  /**
   * The locale documents are written in unless `sourceLanguageField` says otherwise.
   * Default: the config's `localization.defaultLocale`.
   */
  sourceLocale?: string
  /**
   * The locales translations are made into; the dashboard lists what is missing in each.
   * Default: every configured locale except `sourceLocale`.
   */
  targetLocales?: string[]
  /**
   * Slugs of the collections translators may edit (only localized fields, only in their locales)
   * and that show the source text beside each translated field. Default: `collections`.
   * Collections listed here but not in `collections` (e.g. an upload collection) get no status.
   */
  translatableCollections?: CollectionSlug[]
  /**
   * Tells whether a user works as a translator and in which locales: return the locales they may
   * edit, or `null` when the translator rules do not apply to them (editors, admins, anonymous).
   * Called with `req.user` on every write to a translatable collection, so keep it synchronous and
   * cheap. Default: nobody is a translator.
   *
   * @example
   * ```ts
   * translatorLocales: (user) => (user?.roles?.includes('translator') ? (user.translatorLocales ?? ['de']) : null)
   * ```
   */
  translatorLocales?: (user: PayloadRequest['user']) => null | string[] | undefined
}
