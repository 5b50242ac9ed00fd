// A teaser card preview for staff (teasers have no page of their own, see src/features/site/).
import config from '@payload-config'

import { teaserPreviewGET } from '../../../../../../features/site/handlers'

export const GET = teaserPreviewGET(config)
