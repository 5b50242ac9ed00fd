import type { CollectionSlug, Validate } from 'payload'
import { nestedReq } from '../utilities/nestedReq'

/**
 * "Required" for localized texts that only need to exist in one language: a German-only teaser has
 * no English summary, and an editor who changes a non-localized field while viewing German must not
 * be told the (never written) German title is missing. An empty value passes when another locale of
 * the stored document has one; a new document needs it in the locale being written.
 */
export const requiredInSomeLocale: Validate = async (value, { id, collectionSlug, path, req }) => {
  const filled = (v: unknown) =>
    typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined
  if (filled(value)) return true
  const message = req.t('validation:required')
  if (!id || !collectionSlug || !req.payload) return message
  const stored = (await req.payload.findByID({
    collection: collectionSlug as CollectionSlug,
    id,
    locale: 'all',
    depth: 0,
    draft: true,
    overrideAccess: true,
    req: nestedReq(req),
    disableErrors: true,
  })) as Record<string, unknown> | null
  const field = path.at(-1) ?? ''
  const byLocale = (stored?.[String(field)] ?? {}) as Record<string, unknown>
  return Object.entries(byLocale).some(([locale, v]) => locale !== req.locale && filled(v))
    ? true
    : message
}
