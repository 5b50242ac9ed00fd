import type { SanitizedConfig } from 'payload'

import { sharedConfig } from './payload'

/**
 * What Next's bundle imports as `@payload-config` (aliased in next.config.ts): in production the
 * config the server initialised Payload with. In development Next's own (recompiled on change) is
 * passed on, so Payload's hot reload applies config edits to the one instance; without the server
 * (`next build`) payload.config.ts is loaded.
 */
const config: Promise<SanitizedConfig> =
  (process.env.NODE_ENV === 'production' ? sharedConfig() : undefined) ??
  import('../payload.config').then((m) => m.default)

export default config
