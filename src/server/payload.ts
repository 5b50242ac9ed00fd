import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import { quietStart } from '../features/limits/clientErrors'

/**
 * One Payload per process. The server builds the config and initialises Payload under getPayload's
 * default key; Next's bundle gets this same config for `@payload-config` (see ./nextConfig.ts), so
 * its route handlers and server functions find that instance in getPayload's cache instead of
 * building a second config, opening a second connection and running `onInit` again.
 */
type Shared = { config?: Promise<SanitizedConfig>; configLoads: number; inits: number }

// The one value on globalThis: the app is bundled twice into the server process (dist/server.js,
// and Next's bundle through `@payload-config`), and both copies must find the same Payload.
const KEY = Symbol.for('newsroom.payload')
const shared: Shared = ((globalThis as Record<symbol, Shared>)[KEY] ??= {
  configLoads: 0,
  inits: 0,
})

const STATE = Symbol.for('newsroom.processState')

/**
 * What this process keeps once (the purge bus, the memo, the public mark, the job runner, the
 * server-function calls), kept on the shared Payload so that both copies of a module reach it.
 */
export function processState<T>(payload: Payload, name: string, create: () => T): T {
  const state = ((payload as Payload & { [STATE]?: Map<string, unknown> })[STATE] ??= new Map())
  if (!state.has(name)) state.set(name, create())
  return state.get(name) as T
}

/** Called by payload.config.ts when it is loaded and from its onInit, counted per process. */
export const countConfigLoad = (): void => void shared.configLoads++
export const countInit = (): void => void shared.inits++
export const payloadCounts = () => ({ configLoads: shared.configLoads, inits: shared.inits })

/** The config the server initialised Payload with, when it did. */
export const sharedConfig = (): Promise<SanitizedConfig> | undefined => shared.config

/**
 * Builds the config and initialises the process's Payload (jobs' crons included), applying the
 * migrations; the adapter's and each migration's lines become one "Applied N migrations" line.
 */
export async function startPayload(config: Promise<SanitizedConfig>): Promise<Payload> {
  shared.config = config
  const since = new Date().toISOString()
  quietStart(true)
  let payload: Payload
  try {
    payload = await getPayload({ config, cron: true })
  } finally {
    quietStart(false)
  }
  const { totalDocs } = await payload.count({
    collection: 'payload-migrations',
    where: { createdAt: { greater_than_equal: since } },
    overrideAccess: true,
  })
  if (totalDocs)
    payload.logger.info(`Applied ${totalDocs} database migration${totalDocs === 1 ? '' : 's'}.`)
  return payload
}
