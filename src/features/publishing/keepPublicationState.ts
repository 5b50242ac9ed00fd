import type {
  CollectionBeforeOperationHook,
  CollectionSlug,
  PayloadRequest,
  TypedLocale,
} from 'payload'
import { APIError } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

import { isTranslatorOnly } from '../accounts/roles'

type UpdateArgs = {
  data?: unknown
  draft?: boolean
  id?: number | string
  publishAllLocales?: unknown
  unpublishAllLocales?: unknown
}

const flagSet = (value: unknown) => value === true || value === 'true'

/**
 * Published in the request's locale, with a newer unpublished version there (an editor's work in
 * progress). `_status` is per locale (`localizeStatus`), so both reads are in `req.locale`.
 */
async function hasPendingDraft(
  req: PayloadRequest,
  collection: CollectionSlug,
  id: number | string,
): Promise<boolean> {
  const read = (draft: boolean) =>
    req.payload.findByID({
      collection,
      id,
      draft,
      depth: 0,
      locale: req.locale as TypedLocale,
      fallbackLocale: false,
      overrideAccess: true,
      disableErrors: true,
      req: nestedReq(req),
    })
  const published = (await read(false)) as { _status?: string } | null
  if (published?._status !== 'published') return false
  const latest = (await read(true)) as { _status?: string } | null
  return latest?._status === 'draft'
}

/**
 * A save that does not set `_status` never changes whether a document is published (docs/publishing.md), whichever API it comes through:
 * - a translator's save is always a new draft version; the published version stays live; a
 *   translator cannot publish or unpublish all locales either;
 * - while a draft is pending, a save becomes another draft version. Payload would otherwise take
 *   `_status: 'draft'` from the pending draft and unpublish the document for every reader;
 * - otherwise the save updates the published version, as Payload does.
 */
export const keepPublicationState: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'update') return args // also by id
  const update = args as UpdateArgs
  if (isTranslatorOnly(req.user)) {
    // `_status: 'draft'` without `draft=true` unpublishes; with it, it is the admin's "Save draft".
    const unpublishes =
      !update.draft && (update.data as { _status?: unknown } | undefined)?._status === 'draft'
    if (unpublishes || flagSet(update.publishAllLocales) || flagSet(update.unpublishAllLocales))
      throw new APIError(
        'Translators cannot publish or unpublish: save a draft, and an editor publishes it.',
        403,
      )
  }
  if (update.draft || !update.data || typeof update.data !== 'object') return args
  if (isTranslatorOnly(req.user)) return { ...args, draft: true }
  const status = (update.data as { _status?: unknown })._status
  if (status !== undefined || update.id === undefined) return args
  if (flagSet(update.publishAllLocales) || flagSet(update.unpublishAllLocales)) return args
  return (await hasPendingDraft(req, collection.slug as CollectionSlug, update.id))
    ? { ...args, draft: true }
    : args
}
