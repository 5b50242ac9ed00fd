import type { SanitizedConfig } from 'payload'

import { sharedConfig } from './payload'

/**
 * What Next's bundle imports as `@payload-config` (aliased in next.config.ts): the config the server
 * initialised Payload with. payload.config.ts is loaded only without the server (`next build`).
 */
const config: Promise<SanitizedConfig> =
  sharedConfig() ?? import('../payload.config').then((m) => m.default)

export default config
