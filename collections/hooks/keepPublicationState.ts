import type { CollectionBeforeOperationHook, CollectionSlug, PayloadRequest } from 'payload'
import { nestedReq } from 'payload-nested-req'

import { isTranslatorOnly } from '../../src/access'

type UpdateArgs = { data?: unknown; draft?: boolean; id?: number | string }

/** Published, with a newer unpublished version (an editor's work in progress). */
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
 * A save that does not set `_status` never changes whether a document is published (README
 * "Saving and publishing"), whichever API it comes through:
 * - a translator's save is always a new draft version; the published version stays live;
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
  if (update.draft || !update.data || typeof update.data !== 'object') return args
  if (isTranslatorOnly(req.user)) return { ...args, draft: true }
  const status = (update.data as { _status?: unknown })._status
  if (status !== undefined || update.id === undefined) return args
  return (await hasPendingDraft(req, collection.slug as CollectionSlug, update.id))
    ? { ...args, draft: true }
    : args
}
