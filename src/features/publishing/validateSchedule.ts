// The one validator for a schedule (docs/publishing.md): the REST endpoint, the admin's
// server functions and any other code that queues a scheduled publish go through `parseSchedule`.
// It depends on nothing server-only, so the admin's drawer checks the same rules before it sends.

/** Schedules a document may have waiting at once. */
export const MAX_PENDING_SCHEDULES = 20
/** How far ahead a schedule may be: two years (731 days covers a leap year). */
export const MAX_HORIZON_MS = 731 * 24 * 60 * 60 * 1000
/**
 * The least time ahead of the server's clock a schedule must be. The server's clock decides (a
 * browser's clock may be off); one minute covers the time between picking a minute in the drawer
 * and the request arriving. `SCHEDULE_MIN_LEAD_SECONDS` changes it (tests use a second or two).
 */
export const minLeadMs = (): number => {
  const env = Number(process.env.SCHEDULE_MIN_LEAD_SECONDS)
  return Number.isFinite(env) && env >= 0 && env <= 3600 ? env * 1000 : 60_000
}

export type ScheduleType = 'publish' | 'unpublish'
export type ScheduleRequest = {
  type: ScheduleType
  /** A locale code, or 'all'. */
  locale: string
  at: Date
  timezone?: string
}

/** A refusal with the HTTP status that fits it; the message is for editors and API clients. */
export class ScheduleError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = 'ScheduleError'
  }
}

// A 4-digit year, a date, hours and minutes, optional seconds and milliseconds, and an explicit
// offset (Z or ±hh:mm). No expanded years (`+010000-…`), no week or ordinal dates, no local times.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/

const AT_HINT = 'e.g. "2026-12-07T14:30:00+01:00" or "2026-12-07T13:30:00Z"'

/** The instant of a strict ISO 8601 date-time with an explicit offset; throws a ScheduleError. */
export function parseInstant(value: unknown): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ScheduleError(`"at" is not a valid date.`)
    value = value.toISOString()
  }
  if (typeof value !== 'string' || value.length > 40)
    throw new ScheduleError(`"at" must be an ISO 8601 date-time with an offset, ${AT_HINT}.`)
  const m = ISO.exec(value)
  if (!m)
    throw new ScheduleError(
      `"at" must be an ISO 8601 date-time with a 4-digit year and an explicit offset (Z or ±hh:mm), ${AT_HINT}.`,
    )
  const [y, mo, d, h, mi, s = '0', ms = '0'] = m.slice(1, 8).map((p) => p ?? undefined) as string[]
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const fields = [year, month, day, Number(h), Number(mi), Number(s)]
  if (fields[3] > 23 || fields[4] > 59 || fields[5] > 59)
    throw new ScheduleError(`"at" names a time of day that does not exist: ${h}:${mi}:${s}.`)
  const local = new Date(Date.UTC(year, month - 1, day, fields[3], fields[4], fields[5]))
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    local.getUTCFullYear() !== year ||
    local.getUTCMonth() !== month - 1 ||
    local.getUTCDate() !== day
  )
    throw new ScheduleError(`"at" names a day that does not exist: ${y}-${mo}-${d}.`)
  let offsetMin = 0
  if (!m[8]) {
    const oh = Number(m[10])
    const om = Number(m[11])
    if (oh > 14 || om > 59) throw new ScheduleError(`"at" has an offset out of range.`)
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  return new Date(local.getTime() + Number(ms.padEnd(3, '0')) - offsetMin * 60_000)
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone))
    return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Checks that an instant is not in the past, not too close and not beyond the horizon. */
export function checkWhen(at: Date, now = Date.now()): void {
  const lead = minLeadMs()
  if (at.getTime() <= now)
    throw new ScheduleError(
      `"at" (${at.toISOString()}) is in the past; the server's time is ${new Date(now).toISOString()}.`,
    )
  if (at.getTime() < now + lead)
    throw new ScheduleError(
      `"at" (${at.toISOString()}) must be at least ${Math.round(lead / 1000)} seconds ahead of the server's time (${new Date(now).toISOString()}).`,
    )
  if (at.getTime() > now + MAX_HORIZON_MS)
    throw new ScheduleError(`"at" (${at.toISOString()}) is more than two years ahead.`)
}

/**
 * Validates a schedule from any caller. `locales` are the configured locale codes; the locale
 * defaults to 'all' and the type to 'publish'.
 */
export function parseSchedule(
  body: { type?: unknown; locale?: unknown; at?: unknown; timezone?: unknown },
  locales: string[],
  now = Date.now(),
): ScheduleRequest {
  const type = body.type ?? 'publish'
  if (type !== 'publish' && type !== 'unpublish')
    throw new ScheduleError('"type" must be "publish" or "unpublish".')
  const locale = body.locale ?? 'all'
  if (typeof locale !== 'string' || (locale !== 'all' && !locales.includes(locale)))
    throw new ScheduleError(`"locale" must be one of: ${[...locales, 'all'].join(', ')}.`)
  const at = parseInstant(body.at)
  const timezone = body.timezone ?? undefined
  if (timezone !== undefined && !isTimeZone(timezone))
    throw new ScheduleError('"timezone" must be an IANA time zone, e.g. "Europe/Berlin".')
  checkWhen(at, now)
  return { type, locale, at, ...(timezone ? { timezone } : {}) }
}
