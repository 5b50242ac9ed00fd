// A link to the admin's search view (`/admin/search`) under the navigation's collections.
import type { I18nClient } from '@payloadcms/translations'

import { translate } from '../languages/translations'

export const AdminSearchLink = ({ i18n }: { i18n: I18nClient }) => (
  <a href="/admin/search" className="nav__link" style={{ display: 'block', marginTop: '1rem' }}>
    {translate(i18n, 'adminSearchTitle')}
  </a>
)
