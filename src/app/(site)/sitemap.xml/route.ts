// The sitemap index (src/features/syndication/, docs/syndication.md).
import config from '@payload-config'

import { sitemapIndexGET } from '../../../features/syndication/handlers'

export const GET = sitemapIndexGET(config)

// Read at each request (the response cache keeps it), never prerendered at build time.
export const dynamic = 'force-dynamic'
