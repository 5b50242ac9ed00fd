// The consent banner's form post without JavaScript (see src/features/site/).
import config from '@payload-config'

import { consentFormPOST } from '../../../../features/site/handlers'

export const POST = consentFormPOST(config)
