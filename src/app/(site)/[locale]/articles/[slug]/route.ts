// The article page readers see (plain HTML, see src/site/).
import config from '@payload-config'

import { articlePageGET } from '../../../../../site/handlers'

export const GET = articlePageGET(config)
