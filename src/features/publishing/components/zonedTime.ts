// Wall time in a chosen time zone ↔ instant, with the browser's Intl only (no library): the
// schedule drawer shows and sends the instant that the editor's wall time names in that zone,
// whatever zone the browser itself is in.

const partsIn = (zone: string, at: number) => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  }
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in winter: 60). */
export function offsetMinutes(zone: string, at: number): number {
  const p = partsIn(zone, at)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000)
}

/** "+01:00" */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/**
 * The instant a wall time ("2026-12-07", "14:30") names in a zone, or null when that wall time
 * does not exist there (the hour skipped when clocks go forward). Of the two instants of an hour
 * that happens twice (clocks go back), the first.
 */
export function zonedToInstant(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2])
  const check = new Date(wall)
  if (check.getUTCDate() !== +d[3] || check.getUTCHours() !== +t[1]) return null // 30 Feb, 24:00
  const candidates = [
    ...new Set(
      [-1, 1].map((side) => wall - offsetMinutes(zone, wall + side * 12 * 3600_000) * 60_000),
    ),
  ]
    .filter((at) => {
      const p = partsIn(zone, at)
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall
    })
    .sort((a, b) => a - b)
  return candidates.length ? new Date(candidates[0]) : null
}

/** The instant as ISO 8601 with the zone's offset: "2026-12-07T14:30:00+01:00". */
export function isoInZone(at: Date, zone: string): string {
  const p = partsIn(zone, at.getTime())
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${formatOffset(offsetMinutes(zone, at.getTime()))}`
}

/** Today's date and the next full hour in a zone, as the inputs want them. */
export function nextHourIn(zone: string, now = Date.now()): { date: string; time: string } {
  const next = Math.ceil((now + 60_000) / 3600_000) * 3600_000
  const p = partsIn(zone, next)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  }
}

/** "Berlin" from "Europe/Berlin", "New York" from "America/New_York". */
export const cityOf = (zone: string) =>
  zone === 'UTC' ? 'UTC' : (zone.split('/').pop() ?? zone).replace(/_/g, ' ')
