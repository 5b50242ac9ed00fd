// A locale's atom feed (docs/syndication.md).
import config from '@payload-config'

import { feedGET } from '../../../../features/syndication/handlers'

export const GET = feedGET(config, 'atom')
