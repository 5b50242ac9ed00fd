import type {
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
  Where,
} from 'payload'
import { APIError } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

export const LAST_ADMIN_MESSAGE =
  'At least one admin must remain: make another user an admin before removing this admin role or account.'

const IS_ADMIN: Where = { roles: { contains: 'admin' } }

/** The ids of admins an operation touches: its `id`, or every admin its `where` matches. */
async function affectedAdmins(
  req: PayloadRequest,
  args: { id?: number | string; where?: Where },
): Promise<(number | string)[]> {
  const where: Where | undefined = args.id !== undefined ? { id: { equals: args.id } } : args.where
  if (!where) return []
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { and: [where, IS_ADMIN] },
    depth: 0,
    limit: 0,
    pagination: false,
    select: {},
    overrideAccess: true,
    req: nestedReq(req),
  })
  return docs.map((doc) => doc.id)
}

/**
 * Refuses (409) to delete the last admin or to take the admin role from the last admin, on every
 * path (REST, GraphQL, Local API, the admin form; by id and bulk): a CMS without an admin can no
 * longer manage its users. Bulk operations count every admin they match as removed.
 */
export const keepOneAdmin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'delete' && operation !== 'update') return args
  if (operation === 'update') {
    const roles = (args.data as { roles?: unknown } | undefined)?.roles
    // Roles not sent, or sent with the admin role: nobody loses it.
    if (roles === undefined || (Array.isArray(roles) && roles.includes('admin'))) return args
  }
  const affected = await affectedAdmins(req, args)
  if (!affected.length) return args
  const remaining = await req.payload.count({
    collection: 'users',
    where: { and: [IS_ADMIN, { id: { not_in: affected } }] },
    overrideAccess: true,
    req: nestedReq(req),
  })
  if (remaining.totalDocs === 0) throw new APIError(LAST_ADMIN_MESSAGE, 409, null, true)
  return args
}

/**
 * The very first account (created on the admin's create-first-user screen) must be able to
 * administer everything, whatever roles the form sent.
 */
export const firstAccountIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req: nestedReq(req) })
  if (totalDocs === 0) data.roles = Array.from(new Set(['admin', ...(data.roles ?? [])]))
  return data
}
