/* From Payload's blank template; GraphQL's body parsing errors become 4xx answers (src/features/limits/guards.ts). */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withClientErrors } from '../../../../features/limits/guards'

export const POST = withClientErrors(config, GRAPHQL_POST(config))

export const OPTIONS = REST_OPTIONS(config)
