import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'

// Access helpers shared by the collections. Per-role rules come with the roles issue; for now any
// logged-in user may do everything and anonymous users may only read published content.

export const isAuthenticated = ({ req }: { req: PayloadRequest }): boolean => Boolean(req.user)

export const authenticated: Access = ({ req }) => isAuthenticated({ req })

export const anyone: Access = () => true

/** Anonymous readers see published documents only; drafts are for logged-in users. */
export const publishedOrAuthenticated: Access = ({ req }) => {
  if (req.user) return true
  const published: Where = { _status: { equals: 'published' } }
  return published
}

export const authenticatedField: FieldAccess = ({ req }) => Boolean(req.user)

type WithRoles = { roles?: string[] | null } | null | undefined

/** True when the logged-in user has any of the given roles. */
export const hasRole = (user: unknown, ...roles: string[]): boolean =>
  Boolean((user as WithRoles)?.roles?.some((role) => roles.includes(role)))

export const isAdmin: Access = ({ req }) => hasRole(req.user, 'admin')
export const isAdminOrEditor: Access = ({ req }) => hasRole(req.user, 'admin', 'editor')
