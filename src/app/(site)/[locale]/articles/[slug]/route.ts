// The article page readers see (plain HTML, see src/features/site/).
import config from '@payload-config'

import { articlePageGET } from '../../../../../features/site/handlers'

export const GET = articlePageGET(config)
