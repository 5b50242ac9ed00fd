// The first Google News sitemap of one locale (docs/syndication.md).
import config from '@payload-config'

import { newsSitemapGET } from '../../../features/syndication/handlers'

export const GET = newsSitemapGET(config, 'de')

// Read at each request (the response cache keeps it), never prerendered at build time.
export const dynamic = 'force-dynamic'
