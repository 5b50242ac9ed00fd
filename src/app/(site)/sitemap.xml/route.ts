// The sitemap index (src/features/syndication/, docs/syndication.md).
import config from '@payload-config'

import { sitemapIndexGET } from '../../../features/syndication/handlers'

export const GET = sitemapIndexGET(config)
