/* Payload's generated admin route. args.ts and not-found.tsx are copied from the repo's app by run.mjs. */
import config from '@payload-config'
import { RootPage } from '@payloadcms/next/views'
import { importMap } from '../importMap'
import type { Args } from './args'

export { generateMetadata } from './args'

const Page = ({ params, searchParams }: Args) =>
  RootPage({ config, params, searchParams, importMap })

export default Page
