import type { I18nClient } from '@payloadcms/translations'

import { UNUSED_IMAGES_PARAM } from './unusedImages'

const TEXT = {
  en: {
    show: 'Show unused images',
    all: 'Show all images',
    note: 'Images are never removed automatically, not even those uploaded for an article that was then abandoned.',
  },
  de: {
    show: 'Unbenutzte Bilder anzeigen',
    all: 'Alle Bilder anzeigen',
    note: 'Bilder werden nie automatisch gelöscht, auch nicht die für einen verworfenen Artikel hochgeladenen.',
  },
}

/**
 * Above the images list: a link to the images no article or related article uses (the list's base
 * filter, `unusedImagesFilter`; the admin's filter menu does not offer join fields).
 */
export const UnusedImagesLink = ({
  i18n,
  searchParams,
}: {
  i18n?: I18nClient
  searchParams?: Record<string, unknown>
}) => {
  const text = i18n?.language === 'de' ? TEXT.de : TEXT.en
  const filtered = searchParams?.[UNUSED_IMAGES_PARAM] === '1'
  return (
    <p className="unused-images-link" style={{ margin: '0 0 1rem' }}>
      <a href={filtered ? '?' : `?${UNUSED_IMAGES_PARAM}=1`}>{filtered ? text.all : text.show}</a>
      {' – '}
      <span style={{ color: 'var(--theme-elevation-500)' }}>{text.note}</span>
    </p>
  )
}
