// A teaser card preview for staff (teasers have no page of their own, see src/site/).
import config from '@payload-config'

import { teaserPreviewGET } from '../../../../../../site/handlers'

export const GET = teaserPreviewGET(config)
