import type { I18nClient } from '@payloadcms/translations'

import { translate } from '../languages/translations'
import { UNUSED_IMAGES_PARAM } from './unusedImages'

/**
 * Above the images list: a link to the images no article or related article uses (the list's base
 * filter, `unusedImagesFilter`; the admin's filter menu does not offer join fields).
 */
export const UnusedImagesLink = ({
  i18n,
  searchParams,
}: {
  i18n: I18nClient
  searchParams?: Record<string, unknown>
}) => {
  const filtered = searchParams?.[UNUSED_IMAGES_PARAM] === '1'
  return (
    <p className="unused-images-link" style={{ margin: '0 0 1rem' }}>
      <a href={filtered ? '?' : `?${UNUSED_IMAGES_PARAM}=1`}>
        {translate(i18n, filtered ? 'unusedImagesAll' : 'unusedImagesShow')}
      </a>
      {' – '}
      <span style={{ color: 'var(--theme-elevation-500)' }}>
        {translate(i18n, 'unusedImagesNote')}
      </span>
    </p>
  )
}
