import type {
  Access,
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterReadHook,
  CollectionSlug,
  Field,
  FieldHook,
  Payload,
  PayloadRequest,
  TypedLocale,
} from 'payload'
import { createLocalReq } from 'payload'
import { fieldAffectsData } from 'payload/shared'
import { BADGES_CONTEXT, type BadgesContext } from 'payload-plugin-ai-disclosure'
import { nestedReq } from '../../utilities/nestedReq'

import { isStaff, mayReadDrafts } from '../accounts/roles'
import { ADMIN_LANGUAGES, label } from '../languages/translations'
import { LOCALE_CODES } from '../languages/locales'

// Per-locale publication (Payload's `localizeStatus`): `_status` is stored per locale and the
// published document holds each locale's live text. Readers without draft access see a locale only
// once it is published; an unpublished locale reads like an empty translation: the fallback
// locale's published text, or nothing with `?fallback-locale=none` (docs/publishing.md).

/** The locales a read falls back to, in order (none for `fallback-locale=none`). */
export function fallbackLocalesOf(req: PayloadRequest): string[] {
  const raw = req.fallbackLocale as unknown
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []
  return list.filter(
    (code): code is string =>
      typeof code === 'string' && LOCALE_CODES.includes(code) && code !== req.locale,
  )
}

const LIVE = 'live'

/**
 * Read access for readers without draft access: the document is published in some locale, as the
 * stored `live` flag says (one indexed column: a condition on each locale's `_status` joined the
 * locales table twice, so lists and their counts passed over every article). What a locale that is
 * not published shows is decided per document by `hideUnpublishedLocales`, as for an empty
 * translation (fallback text, or empty texts with `fallback-locale=none`); which conditions and
 * sorts may touch a locale's text, by `guardLocaleQueries` (./localeQueryGuard.ts).
 */
export const publishedInSomeLocale =
  (base: Access): Access =>
  async (args) => {
    const result = await base(args)
    if (result === true || result === false) return result
    return { [LIVE]: { equals: true } }
  }

/** `live`: published in some locale. Kept by `recordLive`; nobody writes it through the API. */
export const liveField: Field = {
  name: LIVE,
  type: 'checkbox', // indexed with the sorts anonymous lists use (src/database/indexes.ts)
  label: label('publicationLiveSomewhere'),
  access: { create: () => false, update: () => false },
  admin: { hidden: true },
}

const publishedSomewhere = (status: unknown) =>
  LOCALE_CODES.some((l) => statusOf(status, l) === 'published')

export const PUBLICATION = 'publication'

/** One locale's publication state, as stored in `publication.<locale>`. */
export type LocalePublication = { live: boolean; firstPublishedAt: string | null }
type StoredPublication = Record<string, Partial<LocalePublication> | null | undefined>

/**
 * `publication.<locale>.live` / `.firstPublishedAt`: one non-localized group per configured locale,
 * so each locale's state is a column of the main table (indexed; a plain path on MongoDB) that
 * queries can filter on. Kept by `recordLive`; nobody writes it through the API.
 */
const languageName = (inLocale: string, code: string) =>
  new Intl.DisplayNames([inLocale], { type: 'language' }).of(code) ?? code.toUpperCase()

const publicationGroup = (codes: readonly string[]): Field => ({
  name: PUBLICATION,
  type: 'group',
  label: false,
  access: { create: () => false, update: () => false },
  admin: {
    readOnly: true,
    description: label('publicationDescription'),
  },
  fields: codes.map((code) => ({
    name: code,
    type: 'group',
    // The language's name in each admin language ("German", "Deutsch").
    label: Object.fromEntries(
      ADMIN_LANGUAGES.map((language) => [language, languageName(language, code)]),
    ),
    fields: [
      {
        name: 'live',
        type: 'checkbox',
        label: label('publicationLive'),
      },
      {
        name: 'firstPublishedAt',
        type: 'date',
        label: label('publicationFirstPublishedAt'),
        admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'PPP, p' } },
      },
    ],
  })),
})

/**
 * In the sidebar, collapsed: Payload renders form fields only once they scroll into view, and a
 * tall group here kept the AI-disclosure fields below it out of the form until the editor
 * scrolled (a collapsible is presentation only: the stored paths stay `publication.<locale>.*`).
 */
export const publicationField = (codes: readonly string[]): Field => ({
  type: 'collapsible',
  label: label('publicationPerLanguage'),
  admin: { initCollapsed: true, position: 'sidebar' },
  fields: [publicationGroup(codes)],
})

/** What a listener of `onLocalePublicationChange` receives: one locale of one document changed. */
export type LocalePublicationChange = {
  collection: CollectionSlug
  id: number | string
  locale: string
  from: boolean
  to: boolean
  /** The locale's first publication time (kept when it is unpublished). */
  firstPublishedAt: string | null
  /** Why: a write (publish, unpublish, scheduled run, restore) or the document's deletion. */
  cause: 'change' | 'delete'
  req: PayloadRequest
}
export type LocalePublicationListener = (change: LocalePublicationChange) => unknown

const listeners = new Set<LocalePublicationListener>()

/**
 * Subscribes to "a locale's publication changed" (published ↔ not published) for every document
 * with per-locale publication. Runs after the change is stored, inside the request's transaction,
 * once per locale that really changed. A listener's error is logged and does not undo the save.
 * Returns the unsubscribe function.
 */
export function onLocalePublicationChange(listener: LocalePublicationListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

async function emit(change: LocalePublicationChange) {
  for (const listener of [...listeners]) {
    try {
      await listener(change)
    } catch (err) {
      change.req.payload.logger.error({ err, msg: 'onLocalePublicationChange listener failed' })
    }
  }
}

/**
 * The locales a reader may see of a document: all of them with draft access (or server code with
 * `overrideAccess`), otherwise the published ones (read from `doc.publication`: a document read
 * without it yields none).
 */
/** The locales a document is published in, as `publication.<locale>.live` says. */
export const publishedLocales = (publication: unknown): string[] =>
  LOCALE_CODES.filter(
    (l) => (publication as StoredPublication | null | undefined)?.[l]?.live === true,
  )

export function visibleLocales(
  req: PayloadRequest,
  doc: { publication?: unknown } | null | undefined,
  options: { overrideAccess?: boolean } = {},
): string[] {
  if (options.overrideAccess || mayReadDrafts(req.user)) return LOCALE_CODES
  return publishedLocales(doc?.publication)
}

const sameDate = (a: unknown, b: unknown) =>
  (a ? new Date(a as string).getTime() : null) === (b ? new Date(b as string).getTime() : null)

const samePublication = (a: StoredPublication | undefined, b: Record<string, LocalePublication>) =>
  Object.entries(b).every(
    ([l, v]) =>
      (a?.[l]?.live ?? null) === v.live && sameDate(a?.[l]?.firstPublishedAt, v.firstPublishedAt),
  )

/**
 * Sets `live` and `publication` on the stored document from its per-locale `_status`, and copies
 * them to its latest version (`publication` as the document's, `live` from the version's own
 * `_status`), where they differ. Written with the database adapter, in the request's transaction, so no
 * hook runs and no version is made for it. `previous` is the state before the write (what the
 * change events compare with; a restored version brings its own old values). Returns the new
 * state.
 */
async function syncLive(
  slug: CollectionSlug,
  id: number | string,
  req: PayloadRequest,
  previous?: StoredPublication,
): Promise<{ live: boolean; publication: Record<string, LocalePublication> } | undefined> {
  const { payload } = req
  const stored = (await payload.findByID({
    collection: slug,
    id,
    locale: 'all',
    draft: false,
    depth: 0,
    select: { _status: true, [LIVE]: true, [PUBLICATION]: true, publishedAt: true } as never,
    overrideAccess: true,
    disableErrors: true,
    context: { [STORED_LOCALES]: true },
    req: nestedReq(req),
  })) as Record<string, unknown> | null
  if (!stored) return
  const storedPublication = (stored[PUBLICATION] ?? undefined) as StoredPublication | undefined
  const before = previous ?? storedPublication ?? {}
  const now = new Date().toISOString()
  const publication: Record<string, LocalePublication> = {}
  for (const l of LOCALE_CODES) {
    const live = statusOf(stored._status, l) === 'published'
    const first =
      before[l]?.firstPublishedAt ??
      storedPublication?.[l]?.firstPublishedAt ??
      // a document published before this record existed: its own publication date
      (live ? ((previous ? null : (stored.publishedAt as string | null)) ?? now) : null)
    publication[l] = { live, firstPublishedAt: first ? new Date(first).toISOString() : null }
  }
  const live = publishedSomewhere(stored._status)
  if (stored[LIVE] !== live || !samePublication(storedPublication, publication))
    await payload.db.updateOne({
      collection: slug,
      id,
      // the adapter consumes the data it writes: a copy
      data: { [LIVE]: live, [PUBLICATION]: structuredClone(publication) },
      req,
      returning: false,
    })
  const { docs } = await payload.findVersions({
    collection: slug,
    where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
    locale: 'all',
    depth: 0,
    limit: 1,
    pagination: false,
    // what is compared below, not the whole version in every locale
    select: { version: { _status: true, [LIVE]: true, [PUBLICATION]: true } } as never,
    overrideAccess: true,
    req: nestedReq(req),
  })
  const latest = docs[0] as unknown as
    { id: number | string; version: Record<string, unknown> } | undefined
  const versionLive = latest && publishedSomewhere(latest.version._status)
  if (
    latest &&
    (latest.version[LIVE] !== versionLive ||
      !samePublication(latest.version[PUBLICATION] as StoredPublication, publication))
  )
    await payload.db.updateVersion({
      collection: slug,
      id: latest.id,
      versionData: {
        version: { [LIVE]: versionLive, [PUBLICATION]: structuredClone(publication) },
      },
      req,
      returning: false,
    })
  if (previous)
    for (const [locale, state] of Object.entries(publication)) {
      const from = before[locale]?.live === true
      if (from !== state.live)
        await emit({
          collection: slug,
          id,
          locale,
          from,
          to: state.live,
          firstPublishedAt: state.firstPublishedAt,
          cause: 'change',
          req,
        })
    }
  return { live, publication }
}

/**
 * afterChange: `live` and `publication` after every write (publish or unpublish of one or all
 * locales, a scheduled publication, a restored version, a draft saved beside a published version).
 */
export const recordLive: CollectionAfterChangeHook = async (args) => {
  const { collection, doc, operation, previousDoc, req } = args
  const previous =
    operation === 'create'
      ? {}
      : ((previousDoc as Record<string, unknown> | undefined)?.[PUBLICATION] as
          StoredPublication | undefined)
  const state = await syncLive(collection.slug as CollectionSlug, doc.id, req, previous ?? {})
  if (state && doc && typeof doc === 'object') {
    Object.assign(doc, state)
    // the answer's afterRead (liveIn included) ran before this hook, on the state before the write
    if (typeof doc.liveIn === 'string') doc.liveIn = liveInText(publishedLocales(state.publication))
  }
  return doc
}

/** afterDelete: each locale that was published stops being published. */
export const recordUnpublishOnDelete: CollectionAfterDeleteHook = async ({
  collection,
  doc,
  id,
  req,
}) => {
  const publication = ((doc as Record<string, unknown> | undefined)?.[PUBLICATION] ??
    {}) as StoredPublication
  for (const locale of LOCALE_CODES)
    if (publication[locale]?.live === true)
      await emit({
        collection: collection.slug as CollectionSlug,
        id,
        locale,
        from: true,
        to: false,
        firstPublishedAt: (publication[locale]?.firstPublishedAt as string | null) ?? null,
        cause: 'delete',
        req,
      })
  return doc
}

/**
 * onInit: documents stored before `live`/`publication` existed (or written around Payload) get
 * them set; a locale already published gets its `firstPublishedAt` from `publishedAt`.
 */
export async function backfillLive(payload: Payload, slug: CollectionSlug): Promise<number> {
  const req = await createLocalReq({}, payload)
  const codes = LOCALE_CODES
  let fixed = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: slug,
      where: {
        or: [
          { [LIVE]: { exists: false } },
          ...codes.map((l) => ({ [`${PUBLICATION}.${l}.live`]: { exists: false } })),
        ],
      },
      depth: 0,
      limit: 500,
      pagination: false,
      select: { [LIVE]: true } as never,
      overrideAccess: true,
    })
    if (!docs.length) return fixed
    for (const { id } of docs) {
      await syncLive(slug, id, req) // `null` differs from either value: always written
      fixed++
    }
  }
}

const localizedNames = (fields: Field[]): string[] =>
  fields.filter((f) => fieldAffectsData(f) && f.localized).map((f) => (f as { name: string }).name)

const STORED_LOCALES = 'newsroom.storedLocales'

const statusOf = (status: unknown, locale: string): unknown =>
  status && typeof status === 'object' ? (status as Record<string, unknown>)[locale] : status

/**
 * afterRead: for readers without draft access (server code with `overrideAccess` reads as stored), the texts of a locale that is not published are
 * replaced by the fallback locale's published texts (or emptied), never shown as stored — the
 * published document may still hold the locale's text from before it was first published.
 */
export const hideUnpublishedLocales =
  (canReadDrafts: Access): CollectionAfterReadHook =>
  async ({ collection, context, doc, overrideAccess, req }) => {
    if (overrideAccess || context?.[STORED_LOCALES] || !doc || typeof doc !== 'object') return doc
    if (doc.id === undefined || (await canReadDrafts({ req } as never)) === true) return doc
    // A locale that is not published shows no publication record (not even its first time).
    const publication = doc[PUBLICATION] as StoredPublication | undefined
    if (publication && typeof publication === 'object')
      for (const [l, state] of Object.entries(publication))
        if (state && typeof state === 'object' && state.live !== true)
          publication[l] = { live: false, firstPublishedAt: null }
    // The stored published texts of one locale, read with the reader's own access (so an anonymous
    // read stays one the response cache may keep: src/features/cache/publicMark.ts); the flag keeps this
    // hook from running on its own reads.
    const read = (locale: string, select?: Record<string, true>, shownAs?: BadgesContext) =>
      req.payload.findByID({
        collection: collection.slug as CollectionSlug,
        id: doc.id,
        locale: locale as TypedLocale,
        fallbackLocale: false,
        draft: false,
        depth: 0,
        overrideAccess: false,
        disableErrors: true,
        select,
        context: { [STORED_LOCALES]: true, ...(shownAs && { [BADGES_CONTEXT]: shownAs }) },
        req: nestedReq(req),
      }) as Promise<Record<string, unknown> | null>
    const locale = req.locale && req.locale !== 'all' ? req.locale : undefined
    // A read that selected fields without `_status` still shows only published texts.
    const selected = '_status' in doc
    const status = selected
      ? doc._status
      : (await read(locale ?? 'all', { _status: true }))?._status
    const names = localizedNames(collection.fields).filter((n) => n !== '_status' && n in doc)
    // An emptied group is `{}`, as GraphQL answers a group without values (e.g. aiDisclosure).
    const groups = new Set(
      collection.fields.flatMap((f) => (f.type === 'group' && 'name' in f ? [f.name] : [])),
    )
    const empty = (name: string) => (groups.has(name) ? {} : null)
    // Computed fields (the AI badges) were computed from the hidden texts: they are taken from a
    // read of the texts shown instead, labelled in the asked locale's language.
    const computed = collection.fields.flatMap((f) =>
      fieldAffectsData(f) && f.virtual === true && f.name in doc ? [f.name] : [],
    )

    if (!locale) {
      const hidden = LOCALE_CODES.filter((l) => statusOf(status, l) !== 'published')
      // `_status` too: `{ de: 'draft' }` would tell that a hidden German text exists.
      for (const name of [...names, '_status']) {
        const value = doc[name]
        if (value && typeof value === 'object')
          for (const l of hidden) delete (value as Record<string, unknown>)[l]
      }
      return doc
    }
    if (status === 'published') return doc
    // The first fallback locale that is published, as readers see it there.
    for (const fallback of fallbackLocalesOf(req)) {
      const other = await read(fallback, undefined, { locale })
      if (other?._status !== 'published') continue
      for (const name of [...names, ...computed]) doc[name] = other[name] ?? empty(name)
      if (selected) doc._status = 'published'
      return doc
    }
    for (const name of names) doc[name] = empty(name)
    if (computed.length) {
      const select = Object.fromEntries(computed.map((name) => [name, true] as const))
      const shown = await read(locale, select, { locale, hideText: true })
      for (const name of computed) doc[name] = shown?.[name] ?? null
    }
    return doc
  }

const LIVE_IN = 'newsroom.liveIn'

/** "EN · DE", or "—" when no locale is live. */
const liveInText = (live: string[]) =>
  live.length ? live.map((l) => l.toUpperCase()).join(' · ') : '—'

/** A complete stored publication record (every locale's `live` a boolean), or undefined. */
const completePublication = (value: unknown): StoredPublication | undefined => {
  const record = value as StoredPublication | null | undefined
  return record &&
    typeof record === 'object' &&
    LOCALE_CODES.every((l) => typeof record[l]?.live === 'boolean')
    ? record
    : undefined
}

/**
 * The `liveIn` list column: the locales an article is published in ("EN · DE", "—"), so the state
 * of every language shows at a glance. Staff only; not stored. Read from the document's
 * `publication` record (`recordLive` keeps it equal to the published document's statuses, also on
 * the latest version); only a read that did not select it, or a record not yet back-filled, asks the
 * database.
 */
export const liveInLocales: FieldHook = async ({ data, req, context }) => {
  // Payload runs field hooks before field access: without this, every reader paid for the lookup.
  if (context?.[LIVE_IN] || !data?.id || !isStaff(req.user)) return undefined
  const publication = completePublication(data[PUBLICATION])
  if (publication) return liveInText(publishedLocales(publication))
  const doc = (await req.payload.findByID({
    collection: 'articles',
    id: data.id as string,
    locale: 'all',
    draft: false,
    depth: 0,
    select: { _status: true },
    overrideAccess: true,
    disableErrors: true,
    context: { [LIVE_IN]: true },
    req: nestedReq(req),
  })) as { _status?: unknown } | null
  const status = doc?._status
  return liveInText(LOCALE_CODES.filter((l) => statusOf(status, l) === 'published'))
}
