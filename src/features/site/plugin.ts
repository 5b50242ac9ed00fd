// Live preview and the preview button for articles and teasers: the admin shows the reader page of
// the document being edited (src/features/site/handlers.ts checks that the viewer may read drafts).
import type { Plugin } from 'payload'

import { publicUrl } from '../../server/publicUrl'

export const PREVIEW_COLLECTIONS = ['articles', 'related-articles'] as const

/** The reader page that previews a document, as a path; null when there is none yet. */
export function previewPath(
  collection: string,
  doc: Record<string, unknown>,
  locale: string,
): string | null {
  if (collection === 'articles') {
    return typeof doc.slug === 'string' && doc.slug
      ? `/${locale}/articles/${encodeURIComponent(doc.slug)}?preview=1`
      : null
  }
  if (collection === 'related-articles') {
    return typeof doc.id === 'string' || typeof doc.id === 'number'
      ? `/${locale}/preview/related-articles/${doc.id}`
      : null
  }
  return null
}

// The admin posts messages to the preview window with its URL as the target origin, so it must be
// absolute: the site's public origin, never the request's Host.
const absolute = (path: string | null) => (path ? `${publicUrl()}${path}` : null)

/** Adds `admin.livePreview` and `admin.preview` for articles and teasers. */
export const readerPreview: Plugin = (config) => ({
  ...config,
  admin: {
    ...config.admin,
    livePreview: {
      breakpoints: [
        { label: 'Mobile', name: 'mobile', width: 390, height: 844 },
        { label: 'Desktop', name: 'desktop', width: 1280, height: 800 },
      ],
      ...config.admin?.livePreview,
      collections: [...(config.admin?.livePreview?.collections ?? []), ...PREVIEW_COLLECTIONS],
      url: ({ collectionConfig, data, locale }) =>
        collectionConfig ? absolute(previewPath(collectionConfig.slug, data, locale.code)) : null,
    },
  },
  collections: (config.collections ?? []).map((collection) =>
    (PREVIEW_COLLECTIONS as readonly string[]).includes(collection.slug)
      ? {
          ...collection,
          admin: {
            ...collection.admin,
            preview: (doc, { locale }) => absolute(previewPath(collection.slug, doc, locale)),
          },
        }
      : collection,
  ),
})
