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
  const { t } = useTranslation()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
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
      <h2>{(t as unknown as (k: string) => string)('ai-disclosure:compliance')}</h2>
      <table>
        <thead>
          <tr>
            <th>collection</th>
            <th>locale</th>
            <th>origins</th>
            <th>live, not reviewed</th>
            <th>stale reviews</th>
            <th>migrated, to confirm</th>
          </tr>
        </thead>
        <tbody>
          {report.map((entry) => (
            <tr key={`${entry.collection}-${entry.locale}`}>
              <td>{entry.collection}</td>
              <td>{entry.locale}</td>
              <td>
                {Object.entries(entry.counts)
                  .filter(([, n]) => n)
                  .map(([origin, n]) => `${origin}: ${n}`)
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
