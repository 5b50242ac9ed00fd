// React Server Component for `admin.components.beforeDashboard`: what still needs translating.
import type { CSSProperties } from 'react'
import React from 'react'

import { getTranslation } from '@payloadcms/translations'
import type { Payload, ServerProps, Where } from 'payload'
import { formatAdminURL } from 'payload/shared'

import { normalizeStatus, STATUS_FIELD, type TranslationStatus } from '../constants'
import { publicationStates, type PublicationState } from '../utilities/publication'
import type { SourceSettings } from '../utilities/sourceLocale'
import { languageName, sourceLocaleOf, uiLanguage, type UILanguage } from '../utilities/shared'
import { StatusPill } from './StatusPill'

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
        status: normalizeStatus(doc[STATUS_FIELD]),
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

const TEXTS: Record<
  UILanguage,
  {
    heading: (target: string) => string
    intro: string
    progress: (done: number, total: number, percent: number) => string
    nothing: string
    more: (n: number) => string
    untitled: string
    error: string
    columns: { title: string; source: string; status: string; publication: string }
    publication: Record<PublicationState, string>
  }
> = {
  en: {
    heading: (target) => `Waiting for ${target} translation`,
    intro: 'Titles are shown in the language the document was written in.',
    progress: (done, total, percent) => `${done} of ${total} translated (${percent} %)`,
    nothing: 'Nothing left to translate.',
    more: (n) => `and ${n} more`,
    untitled: '(untitled)',
    error: 'This list could not be loaded.',
    columns: { title: 'Title', source: 'Written in', status: 'Status', publication: 'Live' },
    publication: { published: 'yes', changed: 'yes, newer draft', draft: 'no' },
  },
  de: {
    heading: (target) => `Warten auf ${target === 'Deutsch' ? 'deutsche' : target} Übersetzung`,
    intro: 'Titel stehen in der Sprache, in der das Dokument geschrieben wurde.',
    progress: (done, total, percent) => `${done} von ${total} übersetzt (${percent} %)`,
    nothing: 'Alles übersetzt.',
    more: (n) => `und ${n} weitere`,
    untitled: '(ohne Titel)',
    error: 'Diese Liste konnte nicht geladen werden.',
    columns: {
      title: 'Titel',
      source: 'Geschrieben in',
      status: 'Status',
      publication: 'Veröffentlicht',
    },
    publication: { published: 'ja', changed: 'ja, neuerer Entwurf', draft: 'nein' },
  },
}

const wrapStyle: CSSProperties = { marginBottom: 'calc(var(--base) * 2)' }
const sectionStyle: CSSProperties = {
  marginTop: 'var(--base)',
  padding: 'var(--base)',
  background: 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-100)',
  borderRadius: 'var(--style-radius-m)',
}
const sectionHeaderStyle: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'baseline',
  justifyContent: 'space-between',
  gap: 'calc(var(--base) / 2)',
}
const mutedStyle: CSSProperties = { color: 'var(--theme-elevation-600)', margin: 0 }
const tableStyle: CSSProperties = {
  width: '100%',
  borderCollapse: 'collapse',
  marginTop: 'calc(var(--base) / 2)',
}
const cellStyle: CSSProperties = {
  textAlign: 'left',
  padding: 'calc(var(--base) / 4) calc(var(--base) / 2) calc(var(--base) / 4) 0',
  borderBottom: '1px solid var(--theme-elevation-100)',
  verticalAlign: 'top',
}
const headCellStyle: CSSProperties = {
  ...cellStyle,
  fontWeight: 600,
  color: 'var(--theme-elevation-600)',
}
const meterStyle: CSSProperties = {
  height: 6,
  marginTop: 'calc(var(--base) / 4)',
  background: 'var(--theme-elevation-150)',
  borderRadius: 3,
  overflow: 'hidden',
}

export const MissingTranslationsView: React.FC<{
  language?: string
  sections: CollectionSummary[]
  targetLocale: string
}> = ({ language, sections, targetLocale }) => {
  const ui = uiLanguage(language)
  const t = TEXTS[ui]
  const headingId = `missing-translations-heading-${targetLocale}`
  return (
    <section aria-labelledby={headingId} className="missing-translations" style={wrapStyle}>
      <h2 id={headingId} style={{ margin: 0 }}>
        {t.heading(languageName(targetLocale, ui))}
      </h2>
      <p style={{ ...mutedStyle, marginTop: 'calc(var(--base) / 4)' }}>{t.intro}</p>
      {sections.map((section) => {
        const percent = section.total ? Math.round((section.done / section.total) * 100) : 100
        const sectionHeadingId = `missing-translations-${targetLocale}-${section.slug}`
        // The target locale's own publication state, for collections with drafts.
        const showPublication = section.pending.some((doc) => doc.publication)
        return (
          <section aria-labelledby={sectionHeadingId} key={section.slug} style={sectionStyle}>
            <div style={sectionHeaderStyle}>
              <h3 id={sectionHeadingId} style={{ margin: 0 }}>
                <a href={section.listHref}>{section.label}</a>
              </h3>
              {!section.error && <span>{t.progress(section.done, section.total, percent)}</span>}
            </div>
            {!section.error && (
              <div
                aria-label={t.progress(section.done, section.total, percent)}
                aria-valuemax={100}
                aria-valuemin={0}
                aria-valuenow={percent}
                role="progressbar"
                style={meterStyle}
              >
                <div
                  style={{
                    width: `${percent}%`,
                    height: '100%',
                    background: 'var(--theme-success-500)',
                  }}
                />
              </div>
            )}
            {section.error ? (
              <p role="alert" style={{ ...mutedStyle, marginTop: 'calc(var(--base) / 2)' }}>
                {t.error}
              </p>
            ) : section.pending.length === 0 ? (
              <p style={{ ...mutedStyle, marginTop: 'calc(var(--base) / 2)' }}>{t.nothing}</p>
            ) : (
              <table style={tableStyle}>
                <thead>
                  <tr>
                    <th scope="col" style={headCellStyle}>
                      {t.columns.title}
                    </th>
                    <th scope="col" style={headCellStyle}>
                      {t.columns.source}
                    </th>
                    <th scope="col" style={headCellStyle}>
                      {t.columns.status}
                    </th>
                    {showPublication && (
                      <th scope="col" style={headCellStyle}>
                        {t.columns.publication}
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {section.pending.map((doc) => (
                    <tr key={String(doc.id)}>
                      <td lang={doc.title ? doc.sourceLocale : undefined} style={cellStyle}>
                        <a href={doc.href}>{doc.title || t.untitled}</a>
                      </td>
                      <td style={cellStyle}>{languageName(doc.sourceLocale, ui)}</td>
                      <td style={cellStyle}>
                        <StatusPill language={ui} status={doc.status} />
                      </td>
                      {showPublication && (
                        <td style={cellStyle}>
                          {doc.publication ? t.publication[doc.publication] : ''}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {section.more > 0 && (
              <p style={{ margin: 'calc(var(--base) / 2) 0 0' }}>
                <a href={section.listHref}>{t.more(section.more)}</a>
              </p>
            )}
          </section>
        )
      })}
    </section>
  )
}

/**
 * `admin.components.beforeDashboard`, added by the plugin with its options as `serverProps`.
 * Payload 3.90 renders it with server props { i18n, locale, params, payload, permissions, searchParams, user }.
 */
export async function MissingTranslations(props: ServerProps & MissingTranslationsOptions) {
  const { collections, i18n, payload, permissions, sources, targetLocales, user } = props
  if (!payload || !user) return null
  const lists = await Promise.all(
    targetLocales.map(async (targetLocale) => ({
      targetLocale,
      sections: await loadMissingTranslations({
        payload,
        user,
        i18n,
        permissions,
        targetLocale,
        collections,
        sources,
      }),
    })),
  )
  const shown = lists.filter((list) => list.sections.length)
  if (!shown.length) return null
  return (
    <>
      {shown.map(({ sections, targetLocale }) => (
        <MissingTranslationsView
          key={targetLocale}
          language={i18n?.language}
          sections={sections}
          targetLocale={targetLocale}
        />
      ))}
    </>
  )
}
