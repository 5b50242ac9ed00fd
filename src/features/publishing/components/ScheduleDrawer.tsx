'use client'
import { getTranslation } from '@payloadcms/translations'
import { Button, Drawer, toast, useConfig, useLocale, useTranslation } from '@payloadcms/ui'
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'

import type { NewsroomTranslationKey, NewsroomTranslations } from '../../languages/translations'
import {
  cityOf,
  formatOffset,
  isoInZone,
  nextHourIn,
  offsetMinutes,
  zonedToInstant,
} from './zonedTime'

// The schedule drawer: action, language, date and time in an explicit time zone (the newsroom's,
// Europe/Berlin, by default, whatever zone the browser is in), the exact instant in words, the
// pending schedules with cancel. It talks to our schedule API (src/features/publishing/scheduleEndpoints.ts) and shows
// the server's refusals as errors.

export const NEWSROOM_TIME_ZONE = 'Europe/Berlin'
const ZONES = [NEWSROOM_TIME_ZONE, 'UTC', 'Europe/London', 'America/New_York']
const PAGE = 10

type Schedule = {
  id: string | number
  type: 'publish' | 'unpublish'
  locale: string
  at: string
  timezone?: string
}
type List = {
  docs: Schedule[]
  page: number
  totalPages: number
  hasNextPage: boolean
  live: string[]
}

const messageOf = async (res: Response, fallback: string) => {
  try {
    const body = await res.json()
    return String(body?.errors?.[0]?.message ?? body?.message ?? fallback)
  } catch {
    return fallback
  }
}

export function ScheduleDrawer({
  slug,
  collectionSlug,
  id,
  modified = false,
}: {
  slug: string
  collectionSlug: string
  id: string | number
  /** The form has unsaved changes: a schedule publishes the saved version. */
  modified?: boolean
}) {
  const { config } = useConfig()
  const { i18n, t } = useTranslation<NewsroomTranslations, NewsroomTranslationKey>()
  const { code: currentLocale } = useLocale()
  // Same origin as the admin, as Payload's own requests: the login cookie goes along.
  const base = `${config.routes.api}/${collectionSlug}/${id}/schedule`
  // Language names in the admin's language ("German" / "Deutsch"), else the configured label.
  const locales = useMemo(() => {
    let names: Intl.DisplayNames | undefined
    try {
      names = new Intl.DisplayNames([i18n.language], { type: 'language' })
    } catch {
      names = undefined
    }
    return config.localization
      ? config.localization.locales.map((l) => ({
          code: l.code,
          label: names?.of(l.code) || getTranslation(l.label, i18n) || l.code,
        }))
      : []
  }, [config.localization, i18n])
  const browserZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, [])
  const zones = useMemo(() => [...new Set([...ZONES, browserZone])], [browserZone])

  const [type, setType] = useState<'publish' | 'unpublish'>('publish')
  const [locale, setLocale] = useState<string>(currentLocale || 'all')
  const [zone, setZone] = useState(NEWSROOM_TIME_ZONE)
  const [wall, setWall] = useState(() => nextHourIn(NEWSROOM_TIME_ZONE))
  const { date, time } = wall
  const [list, setList] = useState<List | null>(null)
  const [page, setPage] = useState(1)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const failed = t('newsroom:scheduleFailed')
  const load = useCallback(async () => {
    const res = await fetch(`${base}?limit=${PAGE}&page=${page}`, { credentials: 'include' })
    if (!res.ok) {
      setError(await messageOf(res, failed))
      return
    }
    setList(await res.json())
  }, [base, page, failed])
  useEffect(() => void load(), [load])

  const live = list?.live ?? []
  const canUnpublish = locale === 'all' ? live.length > 0 : live.includes(locale)
  useEffect(() => {
    if (!canUnpublish && type === 'unpublish') setType('publish')
  }, [canUnpublish, type])

  const at = date && time ? zonedToInstant(date, time, zone) : null
  const localeLabel = (code: string) =>
    code === 'all'
      ? t('newsroom:scheduleAllLanguages')
      : (locales.find((l) => l.code === code)?.label ?? code)
  const zoneLabel = (z: string) => {
    const offset = formatOffset(offsetMinutes(z, (at ?? new Date()).getTime()))
    return `(UTC${offset}) ${cityOf(z)}${z === browserZone && z !== NEWSROOM_TIME_ZONE ? ` – ${t('newsroom:scheduleYourBrowser')}` : ''}`
  }
  const fmt = (instant: Date, z: string, opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(i18n.language === 'de' ? 'de-DE' : 'en-GB', {
      timeZone: z,
      ...opts,
    }).format(instant)
  const describe = (
    sched: { type: 'publish' | 'unpublish'; locale: string },
    instant: Date,
    z: string,
  ) =>
    t(
      `newsroom:${sched.type === 'publish' ? 'scheduleSentencePublish' : 'scheduleSentenceUnpublish'}`,
      {
        locale: localeLabel(sched.locale),
        date: fmt(instant, z, { day: 'numeric', month: 'short', year: 'numeric' }),
        time: fmt(instant, z, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
        city: cityOf(z),
        utc: fmt(instant, 'UTC', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      },
    )
  const problem =
    !date || !time ? t('newsroom:schedulePickTime') : !at ? t('newsroom:scheduleNoSuchTime') : null

  const submit = async () => {
    if (!at) return
    setBusy(true)
    setError(null)
    try {
      const res = await fetch(base, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type, locale, at: isoInZone(at, zone), timezone: zone }),
      })
      if (!res.ok) {
        const message = await messageOf(res, failed)
        setError(message)
        toast.error(message)
        return
      }
      toast.success(t('newsroom:scheduleScheduled'))
      await load()
    } finally {
      setBusy(false)
    }
  }
  const cancel = async (scheduleId: Schedule['id']) => {
    setError(null)
    const res = await fetch(`${base}/${scheduleId}`, { method: 'DELETE', credentials: 'include' })
    if (!res.ok) {
      const message = await messageOf(res, failed)
      setError(message)
      toast.error(message)
    } else toast.success(t('newsroom:scheduleCancelled'))
    await load()
  }

  const field = { display: 'grid', gap: '0.25rem', marginBottom: '1rem' } as const
  // Payload's input look (theme variables), on native controls that any browser fills reliably.
  const control = {
    padding: '0.5rem 0.75rem',
    border: '1px solid var(--theme-elevation-150)',
    borderRadius: 'var(--style-radius-s)',
    background: 'var(--theme-input-bg)',
    color: 'var(--theme-elevation-800)',
    font: 'inherit',
  } as const
  const select = (id: string, value: string, set: (value: string) => void, options: ReactNode) => (
    <select id={id} style={control} value={value} onChange={(e) => set(e.target.value)}>
      {options}
    </select>
  )
  // The wall-clock date and time of the schedule, in `zone`.
  const wallInput = (part: 'date' | 'time') => (
    <input
      id={`schedule-${part}`}
      style={control}
      type={part}
      step={part === 'time' ? 60 : undefined}
      value={wall[part]}
      onChange={(e) => setWall({ ...wall, [part]: e.target.value })}
    />
  )
  return (
    <Drawer slug={slug} title={t('newsroom:scheduleTitle')} gutter>
      <div className="newsroom-schedule" style={{ maxWidth: '40rem', paddingBottom: '2rem' }}>
        <label style={field}>
          {t('newsroom:scheduleLanguage')}
          {select(
            'schedule-locale',
            locale,
            setLocale,
            <>
              {locales.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.label}
                </option>
              ))}
              <option value="all">{t('newsroom:scheduleAllLanguages')}</option>
            </>,
          )}
        </label>
        <label style={field}>
          {t('newsroom:scheduleAction')}
          {select(
            'schedule-type',
            type,
            (value) => setType(value as 'publish' | 'unpublish'),
            <>
              <option value="publish">{t('newsroom:schedulePublish')}</option>
              {canUnpublish && <option value="unpublish">{t('newsroom:scheduleUnpublish')}</option>}
            </>,
          )}
          {!canUnpublish && <small>{t('newsroom:scheduleUnpublishOnlyLive')}</small>}
        </label>
        <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
          <label style={field}>
            {t('newsroom:scheduleDate')}
            {wallInput('date')}
          </label>
          <label style={field}>
            {t('newsroom:scheduleTime')}
            {wallInput('time')}
          </label>
          <label style={field}>
            {t('newsroom:scheduleTimeZone')}
            {select(
              'schedule-zone',
              zone,
              setZone,
              zones.map((z) => (
                <option key={z} value={z}>
                  {zoneLabel(z)}
                </option>
              )),
            )}
          </label>
        </div>
        <p id="schedule-instant" style={{ fontWeight: 600 }}>
          {problem ?? describe({ type, locale }, at!, zone)}
        </p>
        {modified && <p id="schedule-unsaved">{t('newsroom:scheduleSaveFirst')}</p>}
        {error && (
          <p id="schedule-error" role="alert" style={{ color: 'var(--theme-error-500)' }}>
            {error}
          </p>
        )}
        <Button
          id="schedule-submit"
          buttonStyle="primary"
          disabled={busy || Boolean(problem)}
          onClick={() => void submit()}
        >
          {t('newsroom:scheduleSubmit')}
        </Button>
        <h3 style={{ marginTop: '2rem' }}>{t('newsroom:schedulePending')}</h3>
        {list && !list.docs.length && <p>{t('newsroom:scheduleNone')}</p>}
        <ul id="schedule-pending" style={{ listStyle: 'none', padding: 0 }}>
          {list?.docs.map((d) => (
            <li key={d.id} style={{ display: 'flex', gap: '1rem', alignItems: 'center' }}>
              <span>{describe(d, new Date(d.at), d.timezone ?? zone)}</span>
              <Button buttonStyle="secondary" size="small" onClick={() => void cancel(d.id)}>
                {t('newsroom:scheduleCancel')}
              </Button>
            </li>
          ))}
        </ul>
        {list && list.totalPages > 1 && (
          <div style={{ display: 'flex', gap: '1rem' }}>
            <Button
              buttonStyle="secondary"
              size="small"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('newsroom:schedulePrevious')}
            </Button>
            <span>
              {list.page} / {list.totalPages}
            </span>
            <Button
              buttonStyle="secondary"
              size="small"
              disabled={!list.hasNextPage}
              onClick={() => setPage(page + 1)}
            >
              {t('newsroom:scheduleNext')}
            </Button>
          </div>
        )}
      </div>
    </Drawer>
  )
}
