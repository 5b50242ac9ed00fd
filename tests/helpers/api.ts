import { GRAPHQL_POST } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

import { api as routeHandlers } from '../../plugins/ai-disclosure/tests/api'
import { withClientErrors } from '../../src/features/limits/guards'

export type { ApiResponse } from '../../plugins/ai-disclosure/tests/api'

/**
 * REST and GraphQL through Payload's own Next route handlers (the ai-disclosure plugin's test
 * helper), with GraphQL wrapped as src/app/(payload)/api/graphql/route.ts wraps it.
 */
export const api = (config: Promise<SanitizedConfig> | SanitizedConfig) =>
  routeHandlers(config, {
    graphql: withClientErrors(config, GRAPHQL_POST(config as Promise<SanitizedConfig>)),
  })
