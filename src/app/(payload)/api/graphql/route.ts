/* From Payload's blank template; GraphQL's body parsing errors become 4xx answers (src/api/guards.ts). */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withClientErrors } from '../../../../api/guards'

export const POST = withClientErrors(config, GRAPHQL_POST(config))

export const OPTIONS = REST_OPTIONS(config)
