// A locale's json feed (docs/syndication.md).
import config from '@payload-config'

import { feedGET } from '../../../../features/syndication/handlers'

export const GET = feedGET(config, 'json')
