// React Server Component for `admin.components.beforeDashboard`: what still needs translating.
import type { CSSProperties } from 'react'
import React from 'react'

import type { ServerProps } from 'payload'

import type { PublicationState } from '../utilities/publication'
import {
  type CollectionSummary,
  loadMissingTranslations,
  type MissingTranslationsOptions,
} from '../utilities/missingTranslations'
import { languageName, uiLanguage, type UILanguage } from '../utilities/shared'
import { StatusPill } from './StatusPill'

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
