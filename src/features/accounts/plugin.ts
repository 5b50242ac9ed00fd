import type { Access, Config, Endpoint, Payload, Plugin } from 'payload'
import { APIError } from 'payload'
import { formatAdminURL } from 'payload/shared'

import { publicUrl } from '../../server/publicUrl'
import { appendHooks, extendCollections } from '../../utilities/config'
import { validateApiKey } from './apiKeys'
import { firstAccountIsAdmin, keepOneAdmin } from './lastAdmin'
import { hasRole, readVersions } from './roles'

// The accounts feature's plugins; src/plugins.ts installs each where it must run.

export type AccountsOptions = {
  /** The auth collection of the newsroom's accounts. */
  collection: string
}

/**
 * The newsroom's accounts: API keys long enough not to be guessed and one user's only, at least one
 * admin at all times, and the first account an admin. Roles and their access rules are in ./roles.ts.
 */
export const accountsPlugin =
  ({ collection }: AccountsOptions): Plugin =>
  (config) => ({
    ...config,
    collections: extendCollections(config.collections, [collection], (users) => ({
      ...users,
      hooks: appendHooks(users.hooks, {
        beforeValidate: [validateApiKey],
        beforeOperation: [keepOneAdmin],
        beforeChange: [firstAccountIsAdmin],
      }),
    })),
  })

/**
 * Every versioned collection and global (also those plugins add) reads its versions under the draft
 * rules unless it sets `access.readVersions` itself: Payload's default lets any logged-in user read
 * them, drafts included. A collection without versions answers its version endpoints with a 404.
 */
export const versionsFollowDraftAccess = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) =>
    collection.versions && !collection.access?.readVersions
      ? { ...collection, access: { ...collection.access, readVersions } }
      : collection,
  ),
  globals: (config.globals ?? []).map((global) =>
    global.versions && !global.access?.readVersions
      ? { ...global, access: { ...global.access, readVersions } }
      : global,
  ),
  onInit: async (payload) => {
    noVersionEndpoints(payload)
    locksForEditors(payload)
    await config.onInit?.(payload)
  },
})

// Payload lets any logged-in user read and write the admin's document locks (who edits what, since
// when), read-only API developers included; a developer's key could lock editors out of a document.
// Only those who edit in the admin take part. (Payload adds the collection itself, after plugins.)
function locksForEditors(payload: Payload) {
  const locks = payload.collections['payload-locked-documents']?.config
  if (!locks) return
  const editors: Access = ({ req }) => hasRole(req.user, 'admin', 'editor', 'translator')
  locks.access = {
    ...locks.access,
    read: editors,
    create: editors,
    update: editors,
    delete: editors,
  }
}

// Payload offers `/versions`, `/versions/:id` and restoring on every collection; without versions
// they end in a 500 from the database adapter. Answered first, ahead of Payload's own endpoints,
// also for the collections Payload adds itself (preferences, locked documents, key-value store).
function noVersionEndpoints(payload: Payload) {
  for (const { config } of Object.values(payload.collections)) {
    if (config.versions || config.endpoints === false) continue
    const handler: Endpoint['handler'] = () => {
      throw new APIError(`"${config.slug}" keeps no versions.`, 404, null, true)
    }
    config.endpoints = [...versionEndpoints(handler), ...(config.endpoints ?? [])]
  }
  for (const config of payload.globals.config) {
    if (config.versions || config.endpoints === false) continue
    const handler: Endpoint['handler'] = () => {
      throw new APIError(`The global "${config.slug}" keeps no versions.`, 404, null, true)
    }
    config.endpoints = [...versionEndpoints(handler), ...(config.endpoints ?? [])]
  }
}

const versionEndpoints = (handler: Endpoint['handler']): Endpoint[] => [
  { method: 'get', path: '/versions', handler },
  { method: 'get', path: '/versions/:id', handler },
  { method: 'post', path: '/versions/:id', handler },
]

/**
 * Password-reset links point at PUBLIC_URL (src/server/publicUrl.ts), never at the request's Host
 * header, which a client chooses: Payload builds the link from `serverURL` or that header.
 */
export const resetLinksFromPublicUrl: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map((collection) => {
    if (!collection.auth) return collection
    const auth = collection.auth === true ? {} : collection.auth
    if (auth.disableLocalStrategy || auth.forgotPassword?.generateEmailHTML) return collection
    return {
      ...collection,
      auth: {
        ...auth,
        forgotPassword: {
          ...auth.forgotPassword,
          generateEmailHTML: (args) => {
            const { req, token } = args ?? {}
            const { config: sanitized } = req!.payload
            const url = formatAdminURL({
              adminRoute: sanitized.routes.admin,
              path: `${sanitized.admin.routes.reset}/${token}` as `/${string}`,
              serverURL: publicUrl(),
            })
            return `<p>${req!.t('authentication:youAreReceivingResetPassword')}</p><p><a href="${url}">${url}</a></p><p>${req!.t('authentication:youDidNotRequestPassword')}</p>`
          },
        },
      },
    }
  }),
})
