import type { CollectionConfig } from 'payload'

export const Media: CollectionConfig = {
  slug: 'media',
  access: { read: () => true },
  fields: [{ name: 'alt', type: 'text', localized: true }],
  upload: {
    staticDir: process.env.MEDIA_DIR || 'media',
    imageSizes: [{ name: 'thumbnail', width: 64 }],
  },
}
