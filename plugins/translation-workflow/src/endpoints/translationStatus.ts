import type { CollectionSlug, Endpoint, TypedLocale } from 'payload'
import { APIError } from 'payload'
import { nestedReq } from 'payload-nested-req'

import { TRANSLATION_STATUSES, type TranslationStatus } from '../constants'
import { resolveSourceLocale, type SourceSettings } from '../utilities/sourceLocale'
import { isEmptyText } from '../utilities/texts'

type Doc = Record<string, unknown> & { id?: string }

/**
 * `GET /api/<collection>/translation-status?locale=de`: per document, which translatable fields are
 * empty in that locale, a completeness percentage and the status. For logged-in users.
 */
export const translationStatusEndpoint = (textFields: string[], sources: SourceSettings): Endpoint => ({
  path: '/translation-status',
  method: 'get',
  handler: async (req) => {
    const locales = req.payload.config.localization ? req.payload.config.localization.localeCodes : []
    const locale = req.searchParams.get('locale')
    if (!locale || !locales.includes(locale)) {
      throw new APIError(`Query parameter "locale" must be one of: ${locales.join(', ')}.`, 400, { locale }, true)
    }
    if (!req.user) throw new APIError('Log in to see translation status.', 401, null, true)
    const collection = req.routeParams?.collection as CollectionSlug | undefined
    const slug = collection ?? (req.pathname.split('/').at(-2) as CollectionSlug)
    const { docs } = await req.payload.find({
      collection: slug,
      locale: locale as TypedLocale,
      fallbackLocale: false,
      depth: 0,
      draft: true,
      limit: 0,
      pagination: false,
      overrideAccess: false,
      user: req.user,
      req: nestedReq(req),
    })
    const report = await Promise.all(
      (docs as unknown as Doc[]).map(async (doc) => {
        const emptyFields = textFields.filter((f) => isEmptyText(doc[f]))
        const sourceLocale = await resolveSourceLocale(req, doc, sources)
        const stored = doc.translationStatus as TranslationStatus | null | undefined
        const status: TranslationStatus =
          emptyFields.length === textFields.length ? 'missing' : stored && TRANSLATION_STATUSES.includes(stored) ? stored : 'in-progress'
        return {
          id: doc.id,
          sourceLocale,
          status,
          emptyFields,
          completeness: Math.round(((textFields.length - emptyFields.length) / textFields.length) * 100),
        }
      }),
    )
    const complete = report.filter((r) => r.status === 'done').length
    return Response.json({ locale, fields: textFields, total: report.length, complete, docs: report })
  },
})
