import type { Access, Endpoint, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { APIError } from 'payload'

import { AI_DISCLOSURE_GROUP, PLUGIN_NAMESPACE } from '../constants'
import { nestedReq } from '../utilities/nestedReq'
import { DISCLOSURE_LOG_SLUG } from './log'
import { isAIOrigin, ORIGINS } from './origins'
import { reviewState } from './resolve'

type AnyRecord = Record<string, unknown>

/** Most documents per collection the compliance view reads (it says when it stopped). */
const MAX_DOCS = 5000
/** Most log entries one export returns. */
const MAX_EXPORT = 10_000
const MAX_RANGE_DAYS = 366

const guard = async (access: Access, req: PayloadRequest) => {
  if (!req.user) throw new APIError('Sign in first.', 401, null, true)
  if (!(await access({ req }))) throw new APIError('Not allowed.', 403, null, true)
}

export type IsLive = (doc: AnyRecord, locale: string) => boolean

/** `_status` of the locale's published version (per-locale status or the document's). */
export const defaultIsLive: IsLive = (doc) => doc._status === 'published'

type Row = { collection: string; id: string; title: string; origin: string; reviewStatus: string }

/**
 * `GET /api/ai-disclosure/compliance`: per collection and locale, the counts by origin, the live
 * AI texts without a current review, the stale reviews and the migrated origins to confirm.
 */
export const createComplianceEndpoint = ({
  access,
  collections,
  isLive,
  locales,
}: {
  access: Access
  collections: string[]
  isLive: IsLive
  locales: string[]
}): Endpoint => ({
  handler: async (req) => {
    await guard(access, req)
    const report: AnyRecord[] = []
    for (const collection of collections) {
      const config = (
        req.payload.collections as Record<string, { config: SanitizedCollectionConfig }>
      )[collection]!.config
      const title = config.admin?.useAsTitle ?? 'id'
      for (const locale of locales.length ? locales : [undefined]) {
        const { docs, totalDocs } = await req.payload.find({
          collection: collection as never,
          depth: 0,
          draft: false,
          fallbackLocale: 'none' as never,
          limit: MAX_DOCS,
          locale: locale as never,
          overrideAccess: true,
          req: nestedReq(req),
        })
        const counts: Record<string, number> = Object.fromEntries(ORIGINS.map((o) => [o, 0]))
        const liveUnreviewed: Row[] = []
        const stale: Row[] = []
        const migrated: Row[] = []
        for (const doc of docs as AnyRecord[]) {
          const group = (doc[AI_DISCLOSURE_GROUP] ?? {}) as AnyRecord
          if (!group.origin) continue
          counts[String(group.origin)] = (counts[String(group.origin)] ?? 0) + 1
          const state = reviewState(group)
          const row: Row = {
            id: String(doc.id),
            collection,
            origin: String(group.origin),
            reviewStatus: state,
            title: String(doc[title] ?? doc.id),
          }
          if (isAIOrigin(group.origin) && state !== 'current' && isLive(doc, locale ?? '')) {
            liveUnreviewed.push(row)
          }
          if (state === 'stale') stale.push(row)
          if (group.migrated === true || (group.review as AnyRecord | null)?.migrated === true) {
            migrated.push(row)
          }
        }
        report.push({
          collection,
          counts,
          liveUnreviewed,
          locale: locale ?? null,
          migrated,
          stale,
          truncated: totalDocs > docs.length,
        })
      }
    }
    return Response.json({ generatedAt: new Date().toISOString(), report })
  },
  method: 'get',
  path: `/${PLUGIN_NAMESPACE}/compliance`,
})

const CSV_COLUMNS = [
  'at',
  'event',
  'collection',
  'docId',
  'locale',
  'actorId',
  'actorName',
  'origin',
  'previousOrigin',
  'reviewStatus',
  'labelled',
  'labels',
  'textHash',
  'reviewHash',
  'details',
] as const

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  // a cell a spreadsheet would run as a formula is quoted as text
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const parseDate = (value: null | string, name: string): Date => {
  const date = value ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) {
    throw new APIError(`"${name}" must be a date (ISO 8601).`, 400, null, true)
  }
  return date
}

/** `GET /api/ai-disclosure/log/export?from=…&to=…&format=json|csv` */
export const createLogExportEndpoint = ({ access }: { access: Access }): Endpoint => ({
  handler: async (req) => {
    await guard(access, req)
    const params = new URL(req.url ?? 'http://localhost').searchParams
    const from = parseDate(params.get('from'), 'from')
    const to = parseDate(params.get('to'), 'to')
    if (to < from || to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new APIError(`Give a range of at most ${MAX_RANGE_DAYS} days.`, 400, null, true)
    }
    const format = params.get('format') ?? 'json'
    if (format !== 'json' && format !== 'csv') {
      throw new APIError('"format" is json or csv.', 400, null, true)
    }
    const { docs, totalDocs } = await req.payload.find({
      collection: DISCLOSURE_LOG_SLUG as never,
      depth: 0,
      limit: MAX_EXPORT,
      overrideAccess: true,
      req: nestedReq(req),
      sort: 'at',
      where: {
        and: [
          { at: { greater_than_equal: from.toISOString() } },
          { at: { less_than_equal: to.toISOString() } },
        ],
      },
    })
    const headers = { 'x-truncated': String(totalDocs > docs.length) }
    if (format === 'json') return Response.json({ entries: docs, totalDocs }, { headers })
    const lines = [CSV_COLUMNS.join(',')]
    for (const doc of docs as AnyRecord[])
      lines.push(CSV_COLUMNS.map((c) => csvCell(doc[c])).join(','))
    return new Response(`${lines.join('\r\n')}\r\n`, {
      headers: {
        ...headers,
        'content-disposition': `attachment; filename="ai-disclosure-log.csv"`,
        'content-type': 'text/csv; charset=utf-8',
      },
    })
  },
  method: 'get',
  path: `/${PLUGIN_NAMESPACE}/log/export`,
})
