import type { Access } from 'payload'

/**
 * Default access of the plugin's admin-only operations: any logged-in user of the admin auth
 * collection (`config.admin.user`). Apps plug their own role checks in through the plugin options.
 */
export const isAdminUser: Access = ({ req }) => {
  const adminCollection = req.payload?.config?.admin?.user
  return Boolean(req.user && (!adminCollection || req.user.collection === adminCollection))
}

export const anyone: Access = () => true

export const nobody: Access = () => false
