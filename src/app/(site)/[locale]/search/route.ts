// The readers' search page (src/features/search/page.tsx); /de/suche and /en/search.
import config from '@payload-config'

import { searchPageGET } from '../../../../features/search/page'

export const GET = searchPageGET(config)
