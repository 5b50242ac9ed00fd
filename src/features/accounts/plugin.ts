import type { Plugin } from 'payload'

import { appendHooks, extendCollections } from '../../utilities/config'
import { validateApiKey } from './apiKeys'
import { firstAccountIsAdmin, keepOneAdmin } from './lastAdmin'

export type AccountsOptions = {
  /** The auth collection of the newsroom's accounts. */
  collection: string
}

/**
 * The newsroom's accounts: API keys long enough not to be guessed and one user's only, at least one
 * admin at all times, and the first account an admin. Roles and their access rules are in ./roles.ts;
 * draft rules for versions (./versionAccess.ts) and reset links (./email.ts) are plugins of their
 * own because of where they must run (src/plugins.ts).
 */
export const accountsPlugin =
  ({ collection }: AccountsOptions): Plugin =>
  (config) => ({
    ...config,
    collections: extendCollections(config, [collection], (users) => ({
      ...users,
      hooks: appendHooks(users.hooks, {
        beforeValidate: [validateApiKey],
        beforeOperation: [keepOneAdmin],
        beforeChange: [firstAccountIsAdmin],
      }),
    })),
  })
