import type { CollectionBeforeOperationHook } from 'payload'
import { ValidationError } from 'payload'

/** The values of `_status`, Payload's two (`payload/dist/versions/baseFields`). */
export const STATUSES: readonly unknown[] = ['draft', 'published']

/**
 * beforeOperation, first of every collection with drafts: a create or update whose `_status` is
 * set to anything but `draft` or `published` is a 400, through every API and also with
 * `overrideAccess`. Payload adds `_status` after it sanitized the fields, so the field has no
 * validation (3.90; GraphQL's enum refuses, REST and the Local API did not): `"bogus"` was stored,
 * read as "not published" and unpublished the locale. Checked before any other hook reads it.
 */
export const refuseUnknownStatus: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: unknown }).data
  if (!data || typeof data !== 'object') return args
  const status = (data as { _status?: unknown })._status
  if (status === undefined || STATUSES.includes(status)) return args
  const shown = JSON.stringify(status)?.slice(0, 40) ?? String(status)
  throw new ValidationError({
    collection: collection.slug,
    errors: [{ message: `_status must be "draft" or "published", not ${shown}.`, path: '_status' }],
    req,
  })
}
