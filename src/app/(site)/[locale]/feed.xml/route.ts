// A locale's rss feed (docs/syndication.md).
import config from '@payload-config'

import { feedGET } from '../../../../features/syndication/handlers'

export const GET = feedGET(config, 'rss')
