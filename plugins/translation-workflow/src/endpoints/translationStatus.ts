import type { CollectionSlug, Endpoint, FieldAccess, PayloadRequest, TypedLocale } from 'payload'
import { APIError } from 'payload'
import { nestedReq } from '../utilities/nestedReq'

import { effectiveStatus, STATUS_FIELD } from '../constants'
import { publicationStates } from '../utilities/publication'
import { resolveSourceLocale, type SourceSettings } from '../utilities/sourceLocale'
import { isEmptyText } from '../utilities/texts'

type Doc = Record<string, unknown> & { id?: string }

/** Most documents one translation-status page returns. */
export const MAX_STATUS_LIMIT = 100

/** A positive integer query parameter (`page`, `limit`), with a clear 400 otherwise. */
function positiveInt(req: PayloadRequest, name: string, fallback: number, max = Infinity): number {
  const raw = req.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > max) {
    const range = Number.isFinite(max) ? `1 to ${max}` : 'at least 1'
    throw new APIError(
      `Query parameter "${name}" must be a whole number from ${range}.`,
      400,
      { [name]: raw },
      true,
    )
  }
  return value
}

/**
 * `GET /api/<collection>/translation-status?locale=de&page=1&limit=10`: per document, which
 * translatable fields are empty in that locale, a completeness percentage, the status and (for
 * collections with drafts) the locale's own publication state (`publication`);
 * paginated like Payload's REST lists (`sort` too, default the collection's), with `total` and
 * `complete` counted over the whole collection. For logged-in users.
 */
export const translationStatusEndpoint = (
  textFields: string[],
  sources: SourceSettings,
  /** The plugin's `statusReadAccess`: who may read the statuses may read the report. */
  readAccess?: FieldAccess,
): Endpoint => ({
  path: '/translation-status',
  method: 'get',
  handler: async (req) => {
    const locales = req.payload.config.localization
      ? req.payload.config.localization.localeCodes
      : []
    const locale = req.searchParams.get('locale')
    if (!locale || !locales.includes(locale)) {
      throw new APIError(
        `Query parameter "locale" must be one of: ${locales.join(', ')}.`,
        400,
        { locale },
        true,
      )
    }
    if (!req.user) throw new APIError('Log in to see translation status.', 401, null, true)
    if (readAccess && !(await readAccess({ req } as Parameters<FieldAccess>[0])))
      throw new APIError('You may not read translation status.', 403, null, true)
    const page = positiveInt(req, 'page', 1)
    const limit = positiveInt(req, 'limit', 10, MAX_STATUS_LIMIT)
    const collection = req.routeParams?.collection as CollectionSlug | undefined
    const slug = collection ?? (req.pathname.split('/').at(-2) as CollectionSlug)
    const common = {
      collection: slug,
      locale: locale as TypedLocale,
      overrideAccess: false,
      user: req.user,
    } as const
    // Only what the report needs: no afterRead work for the other fields (badges, relations).
    const fields = [
      ...textFields,
      STATUS_FIELD,
      ...(sources.languageField ? [sources.languageField.field] : []),
    ]
    const hasDrafts = Boolean(req.payload.collections[slug]?.config.versions?.drafts)
    const select = Object.fromEntries(
      [...fields, ...(hasDrafts ? ['_status'] : [])].map((f) => [f, true]),
    )
    const result = await req.payload.find({
      ...common,
      fallbackLocale: false,
      depth: 0,
      draft: true,
      page,
      limit,
      sort: req.searchParams.get('sort') ?? undefined,
      select: select as never,
      req: nestedReq(req),
    })
    // Counted from an index on (locale, status). A stored "done" always has text: saving empty
    // texts sets "missing". Drafts live in the versions.
    const done = { equals: 'done' }
    const counted = hasDrafts
      ? await req.payload.countVersions({
          ...common,
          where: { and: [{ latest: { equals: true } }, { [`version.${STATUS_FIELD}`]: done }] },
          req: nestedReq(req),
        })
      : await req.payload.count({
          ...common,
          where: { [STATUS_FIELD]: done } as never,
          req: nestedReq(req),
        })
    // Each locale's own publication state (published in en only, de only, both, a draft pending).
    const publication = await publicationStates(req.payload, {
      collection: slug,
      locale,
      latest: new Map(
        (result.docs as unknown as Doc[]).map((doc) => [String(doc.id), doc._status]),
      ),
      overrideAccess: false,
      user: req.user,
      req: nestedReq(req),
    })
    const report = await Promise.all(
      (result.docs as unknown as Doc[]).map(async (doc) => {
        const emptyFields = textFields.filter((f) => isEmptyText(doc[f]))
        const sourceLocale = await resolveSourceLocale(req, doc, sources)
        const status = effectiveStatus({
          locale,
          sourceLocale,
          stored: doc[STATUS_FIELD],
          empty: emptyFields.length === textFields.length,
        })
        return {
          id: doc.id,
          sourceLocale,
          status,
          emptyFields,
          completeness: Math.round(
            ((textFields.length - emptyFields.length) / textFields.length) * 100,
          ),
          ...(publication ? { publication: publication.get(String(doc.id)) } : {}),
        }
      }),
    )
    const { docs: _docs, ...pagination } = result
    return Response.json({
      locale,
      fields: textFields,
      total: result.totalDocs,
      complete: counted.totalDocs,
      docs: report,
      ...pagination,
    })
  },
})
