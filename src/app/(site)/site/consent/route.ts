// The consent banner's form post without JavaScript (see src/site/).
import config from '@payload-config'

import { consentFormPOST } from '../../../../site/handlers'

export const POST = consentFormPOST(config)
