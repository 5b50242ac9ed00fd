'use client'
import { useConfig, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

type Row = { collection: string; id: string; origin: string; reviewStatus: string; title: string }
type Entry = {
  collection: string
  counts: Record<string, number>
  liveUnreviewed: Row[]
  locale: null | string
  migrated: Row[]
  stale: Row[]
}

/**
 * The compliance view on the dashboard (`GET /api/ai-disclosure/compliance`): per collection and
 * locale, counts by origin, live AI texts without a current review, stale reviews, migrated origins.
 * Users who may not read it see nothing.
 */
export const ComplianceDashboard: React.FC = () => {
  const { i18n, t: translate } = useTranslation()
  const t = translate as unknown as (key: string) => string
  const {
    config: {
      collections,
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  // The collection's plural label in the admin language (a string, or one per language).
  const collectionLabel = (slug: string) => {
    const plural = collections.find((c) => c.slug === slug)?.labels?.plural as unknown
    if (typeof plural === 'string') return plural
    const labels = (plural ?? {}) as Record<string, string | undefined>
    return labels[i18n.language] ?? labels.en ?? slug
  }
  const [report, setReport] = useState<Entry[]>()
  useEffect(() => {
    const abort = new AbortController()
    void fetch(`${serverURL ?? ''}${api}/ai-disclosure/compliance`, {
      credentials: 'include',
      signal: abort.signal,
    })
      .then((res) => (res.ok ? res.json() : undefined))
      .then((body: undefined | { report: Entry[] }) => setReport(body?.report))
      .catch(() => undefined)
    return () => abort.abort()
  }, [api, serverURL])
  if (!report) return null
  const link = (row: Row) => (
    <a href={`${admin}/collections/${row.collection}/${row.id}`}>{row.title}</a>
  )
  const list = (rows: Row[]) =>
    rows.length ? (
      <ul>
        {rows.slice(0, 20).map((row) => (
          <li key={row.id}>{link(row)}</li>
        ))}
      </ul>
    ) : (
      '0'
    )
  return (
    <section className="ai-disclosure-compliance" style={{ marginTop: '2rem' }}>
      <h2>{t('ai-disclosure:compliance')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('ai-disclosure:complianceCollection')}</th>
            <th>{t('ai-disclosure:complianceLocale')}</th>
            <th>{t('ai-disclosure:complianceOrigins')}</th>
            <th>{t('ai-disclosure:complianceLiveUnreviewed')}</th>
            <th>{t('ai-disclosure:complianceStale')}</th>
            <th>{t('ai-disclosure:complianceMigrated')}</th>
          </tr>
        </thead>
        <tbody>
          {report.map((entry) => (
            <tr key={`${entry.collection}-${entry.locale}`}>
              <td>{collectionLabel(entry.collection)}</td>
              <td>{entry.locale ?? t('ai-disclosure:complianceAllLocales')}</td>
              <td>
                {Object.entries(entry.counts)
                  .filter(([, n]) => n)
                  .map(([origin, n]) => `${t(`ai-disclosure:origin_${origin}`)}: ${n}`)
                  .join(', ')}
              </td>
              <td data-compliance="live-unreviewed">{list(entry.liveUnreviewed)}</td>
              <td data-compliance="stale">{list(entry.stale)}</td>
              <td data-compliance="migrated">{list(entry.migrated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
