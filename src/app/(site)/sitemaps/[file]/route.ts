// Monthly sitemaps per locale and the Google News files after the first (docs/syndication.md).
import config from '@payload-config'

import { sitemapFileGET } from '../../../../features/syndication/handlers'

export const GET = sitemapFileGET(config)
