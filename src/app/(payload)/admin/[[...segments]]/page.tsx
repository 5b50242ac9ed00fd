/* Payload's generated admin route, plus one step: adminRouteFor (src/features/accounts/createDenied.ts). */
import config from '@payload-config'
import { RootPage } from '@payloadcms/next/views'
import { headers } from 'next/headers'
import { adminRouteFor } from '../../../../features/accounts/createDenied'
import { importMap } from '../importMap'
import type { Args } from './args'

export { generateMetadata } from './args'

// A translator's create page says why it is closed (src/features/accounts/createDenied.ts).
const Page = async ({ params, searchParams }: Args) =>
  RootPage({
    config,
    params: adminRouteFor(params, config, headers()) as Args['params'],
    searchParams,
    importMap,
  })

export default Page
