import type { CollectionBeforeOperationHook, SanitizedCollectionConfig } from 'payload'

import { executeAccess } from 'payload'

type HookArgs = Parameters<CollectionBeforeOperationHook>[0]

/**
 * Throws Payload's Forbidden when the caller may not create (or update) in `collection`, before an
 * uploaded file is read. Payload runs `beforeOperation` hooks before its own access check, so a hook
 * that parses or decodes `req.file` must ask first, or an anonymous upload costs the parse and only
 * then gets its 403. A `Where` answer (access to some documents) lets the request on; Payload
 * applies it right after the hooks. Local API calls with `overrideAccess` are not checked.
 */
export const assertUploadAllowed = async ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}: Pick<HookArgs, 'args' | 'operation' | 'req'> & {
  collection: SanitizedCollectionConfig
  overrideAccess?: boolean
}): Promise<void> => {
  if (overrideAccess ?? (args as { overrideAccess?: boolean }).overrideAccess) return
  const { data, id } = args as { data?: Record<string, unknown>; id?: number | string }
  await executeAccess(
    { id, data, req },
    operation === 'create' ? collection.access.create : collection.access.update,
  )
}
