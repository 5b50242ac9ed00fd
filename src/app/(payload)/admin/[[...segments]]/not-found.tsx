/* Payload's generated not-found route; its arguments and metadata are in args.ts. */
import config from '@payload-config'
import { NotFoundPage } from '@payloadcms/next/views'
import { importMap } from '../importMap'
import type { Args } from './args'

export { generateMetadata } from './args'

const NotFound = ({ params, searchParams }: Args) =>
  NotFoundPage({ config, params, searchParams, importMap })

export default NotFound
