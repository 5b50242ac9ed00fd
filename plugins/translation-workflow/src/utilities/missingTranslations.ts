// What the dashboard's "missing translations" lists show, loaded with the user's access: no UI,
// so scripts and endpoints can call it too.
import { getTranslation } from '@payloadcms/translations'
import type { Payload, ServerProps, Where } from 'payload'
import { formatAdminURL } from 'payload/shared'

import { effectiveStatus, STATUS_FIELD, type TranslationStatus } from '../constants'
import { publicationStates, type PublicationState } from './publication'
import type { SourceSettings } from './sourceLocale'
import { sourceLocaleOf } from './shared'

export const MAX_ROWS = 20

/** What the plugin passes as `serverProps` (from its options). */
export type MissingTranslationsOptions = {
  /** Collections with a localized `translationStatus` select. */
  collections: readonly string[]
  /** The document's source language (see `SourceSettings`). */
  sources: SourceSettings
  /** The languages translators fill in: one list each. */
  targetLocales: readonly string[]
}

export type PendingDoc = {
  id: number | string
  title: string
  sourceLocale: string
  status: TranslationStatus
  /** The target locale's own publication state (collections with drafts). */
  publication?: PublicationState
  href: string
}

export type CollectionSummary = {
  slug: string
  label: string
  /** Documents that need a translation into the target locale (source language ≠ target). */
  total: number
  /** …of which the target locale's status is "done". */
  done: number
  /** Not done, newest first, at most MAX_ROWS. */
  pending: PendingDoc[]
  /** Not done beyond those shown. */
  more: number
  listHref: string
  error?: string
}

type LooseDoc = Record<string, unknown> & { id: number | string }
type FindResult = { docs: LooseDoc[]; totalDocs: number }

// The status field is added by a config transformer; calling find with loose arguments keeps this
// file independent of the generated types (select keys, locale codes).
const find = (payload: Payload, args: Record<string, unknown>): Promise<FindResult> =>
  payload.find(args as unknown as Parameters<Payload['find']>[0]) as unknown as Promise<FindResult>

/** `where` on a document → the same on its versions (`version.` paths). */
const onVersions = (where: Where): Where =>
  Object.fromEntries(
    Object.entries(where).map(([key, value]) =>
      key === 'and' || key === 'or'
        ? [key, (value as Where[]).map(onVersions)]
        : [`version.${key}`, value],
    ),
  )

/** How many documents matching `where` are "done" in `locale` (latest drafts for collections with drafts). */
async function countDone(
  payload: Payload,
  {
    slug,
    draft,
    locale,
    where,
    ...access
  }: {
    slug: string
    draft: boolean
    locale: string
    where?: Where
    overrideAccess: boolean
    user?: unknown
  },
): Promise<number> {
  const isDone: Where = { [STATUS_FIELD]: { equals: 'done' } }
  const args = { collection: slug, locale, ...access } as Record<string, unknown>
  const result = draft
    ? await payload.countVersions({
        ...args,
        where: {
          and: [
            { latest: { equals: true } },
            onVersions(where ? { and: [where, isDone] } : isDone),
          ],
        },
      } as never)
    : await payload.count({ ...args, where: where ? { and: [where, isDone] } : isDone } as never)
  return result.totalDocs
}

const displayTitle = (doc: LooseDoc | undefined): string => {
  for (const key of ['title', 'summary']) {
    const value = doc?.[key]
    if (typeof value === 'string' && value.trim()) {
      const text = value.trim().replace(/\s+/g, ' ')
      return text.length > 120 ? `${text.slice(0, 119)}…` : text
    }
  }
  return ''
}

/**
 * Loads, per tracked collection, the documents whose `translationStatus` in `targetLocale` is not
 * "done" (null counts as missing), with their title in the source language, plus done/total.
 * Documents written in the target language itself are left out: they need no translation into it.
 * Runs with the user's access (overrideAccess: false); reads the latest drafts.
 */
export async function loadMissingTranslations({
  payload,
  user,
  targetLocale,
  collections,
  sources,
  i18n,
  permissions,
}: {
  payload: Payload
  user: ServerProps['user'] | null
  targetLocale: string
  collections: readonly string[]
  sources: SourceSettings
  i18n?: ServerProps['i18n']
  /** When given, collections the user may not read are left out instead of failing. */
  permissions?: ServerProps['permissions']
}): Promise<CollectionSummary[]> {
  const access = { overrideAccess: false, user: user ?? undefined }
  const defaultLocale = sources.defaultSource
  const language = sources.languageField
  const LANGUAGE_FIELD = language?.field ?? 'id'
  const adminRoute = payload.config.routes.admin

  // Locale documents: id → code, to know each document's source language.
  const locales: FindResult = language
    ? await find(payload, {
        collection: language.collection,
        depth: 0,
        limit: 1000,
        select: { [language.codeField]: true },
        ...access,
      })
    : { docs: [], totalDocs: 0 }
  const codeOf = (doc: LooseDoc) => String(doc[language?.codeField ?? 'code'])
  const codeById = new Map(locales.docs.map((doc) => [String(doc.id), codeOf(doc)]))
  const targetIds = locales.docs.filter((doc) => codeOf(doc) === targetLocale).map((doc) => doc.id)
  const sourceOf = (doc: LooseDoc): string =>
    language
      ? (sourceLocaleOf(doc[LANGUAGE_FIELD], codeById, defaultLocale) ?? defaultLocale)
      : defaultLocale

  const and = (...wheres: (Where | undefined)[]): Where => {
    const parts = wheres.filter((w): w is Where => Boolean(w))
    return parts.length === 1 ? parts[0]! : { and: parts }
  }

  // Source language ≠ target. An unset language means the default locale.
  const notWrittenInTarget: Where | undefined = targetIds.length
    ? { [LANGUAGE_FIELD]: { not_in: targetIds } }
    : undefined
  const needsTarget: Where | undefined = !language
    ? defaultLocale === targetLocale
      ? { id: { exists: false } } // every document is written in the target language
      : undefined
    : defaultLocale === targetLocale
      ? and({ [LANGUAGE_FIELD]: { exists: true } }, notWrittenInTarget)
      : notWrittenInTarget && { or: [{ [LANGUAGE_FIELD]: { exists: false } }, notWrittenInTarget] }
  const notDone: Where = {
    or: [{ [STATUS_FIELD]: { not_equals: 'done' } }, { [STATUS_FIELD]: { exists: false } }],
  }

  const summarize = async (slug: string): Promise<CollectionSummary | undefined> => {
    const collection = payload.collections[slug as keyof typeof payload.collections]
    if (!collection) return undefined
    if (permissions && !permissions.collections?.[slug]?.read) return undefined
    const config = collection.config
    const label = i18n ? getTranslation(config.labels.plural, i18n) : slug
    const listHref = `${formatAdminURL({ adminRoute, path: `/collections/${slug}`, relative: true })}?${new URLSearchParams(
      {
        locale: targetLocale,
        [`where[or][0][${STATUS_FIELD}][not_equals]`]: 'done',
        [`where[or][1][${STATUS_FIELD}][exists]`]: 'false',
      },
    )}`
    const summary: CollectionSummary = {
      slug,
      label,
      total: 0,
      done: 0,
      pending: [],
      more: 0,
      listHref,
    }
    const draft = Boolean(config.versions?.drafts)
    const common = {
      collection: slug,
      locale: targetLocale,
      fallbackLocale: false,
      depth: 0,
      draft,
      ...access,
    }

    try {
      // Three queries that stay cheap as documents pile up: the total (an index count), the done
      // ones (an index on locale + status), and the first pending page without a count of its own.
      const [all, done, pending] = await Promise.all([
        find(payload, {
          ...common,
          where: needsTarget,
          limit: 1,
          select: { [STATUS_FIELD]: true },
        }),
        countDone(payload, { slug, draft, locale: targetLocale, where: needsTarget, ...access }),
        find(payload, {
          ...common,
          where: and(needsTarget, notDone),
          limit: MAX_ROWS,
          pagination: false,
          sort: '-updatedAt',
          select: {
            [STATUS_FIELD]: true,
            ...(language ? { [LANGUAGE_FIELD]: true } : {}),
            ...(draft ? { _status: true } : {}),
          },
        }),
      ])
      summary.total = all.totalDocs
      summary.done = Math.min(done, all.totalDocs)
      summary.more = Math.max(0, all.totalDocs - summary.done - pending.docs.length)

      // Titles in each document's source language, without fallback: one query per language.
      const bySource = new Map<string, LooseDoc[]>()
      for (const doc of pending.docs) {
        const source = sourceOf(doc)
        bySource.set(source, [...(bySource.get(source) ?? []), doc])
      }
      const titles = new Map<string, string>()
      await Promise.all(
        [...bySource].map(async ([source, docs]) => {
          const result = await find(payload, {
            ...common,
            locale: source,
            where: { id: { in: docs.map((doc) => doc.id) } },
            limit: docs.length,
            pagination: false,
            select: { title: true, summary: true },
          })
          for (const doc of result.docs) titles.set(String(doc.id), displayTitle(doc))
        }),
      )

      // The target locale's publication state of those rows: one read of them by id.
      const publication = await publicationStates(payload, {
        collection: slug,
        locale: targetLocale,
        latest: new Map(pending.docs.map((doc) => [String(doc.id), doc._status])),
        ...access,
      })

      summary.pending = pending.docs.map((doc) => ({
        id: doc.id,
        title: titles.get(String(doc.id)) ?? '',
        sourceLocale: sourceOf(doc),
        status: effectiveStatus({
          locale: targetLocale,
          sourceLocale: sourceOf(doc),
          stored: doc[STATUS_FIELD],
        }),
        ...(publication ? { publication: publication.get(String(doc.id)) } : {}),
        href: `${formatAdminURL({
          adminRoute,
          path: `/collections/${slug}/${encodeURIComponent(String(doc.id))}`,
          relative: true,
        })}?locale=${encodeURIComponent(targetLocale)}`,
      }))
    } catch (error) {
      summary.error = error instanceof Error ? error.message : String(error)
      payload.logger.error({ err: error, msg: `MissingTranslations: could not load ${slug}` })
    }
    return summary
  }

  const summaries = await Promise.all(collections.map(summarize))
  return summaries.filter((s): s is CollectionSummary => Boolean(s))
}

// ---------------------------------------------------------------------------------------------
