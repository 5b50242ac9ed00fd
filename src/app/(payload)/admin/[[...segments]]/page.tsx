/* Payload's generated admin route, plus one step: adminRouteFor (src/features/accounts/createDenied.ts). */
import type { Metadata } from 'next'

import config from '@payload-config'
import { RootPage, generatePageMetadata } from '@payloadcms/next/views'
import { headers } from 'next/headers'
import { adminRouteFor } from '../../../../features/accounts/createDenied'
import { importMap } from '../importMap'

type Args = {
  params: Promise<{
    segments: string[]
  }>
  searchParams: Promise<{
    [key: string]: string | string[]
  }>
}

export const generateMetadata = ({ params, searchParams }: Args): Promise<Metadata> =>
  generatePageMetadata({ config, params, searchParams })

// A translator's create page says why it is closed (src/features/accounts/createDenied.ts).
const Page = async ({ params, searchParams }: Args) =>
  RootPage({
    config,
    params: adminRouteFor(params, config, headers()) as Args['params'],
    searchParams,
    importMap,
  })

export default Page
