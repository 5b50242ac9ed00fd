import path from 'node:path'
import type { CollectionConfig } from 'payload'
import { requiredInSomeLocale } from 'payload-plugin-translation-workflow'

import { contentAccess, hasRole } from '../src/features/accounts/roles'
import { IMAGE_SIZES } from '../src/features/images/sizes'
import { label } from '../src/features/languages/translations'

// Extended by: imagesPlugin, aiDisclosure, translationWorkflow (src/plugins.ts)

// Uploaded files live in MEDIA_DIR (default ./media next to package.json).
const staticDir = path.resolve(/* turbopackIgnore: true */ process.env.MEDIA_DIR || 'media')

export const Images: CollectionConfig = {
  slug: 'images',
  labels: {
    singular: label('image'),
    plural: label('imagesPlural'),
  },
  admin: {
    useAsTitle: 'alt',
    defaultColumns: [
      'filename',
      'alt',
      'aiGenerated',
      'usedInArticles',
      'placeholder',
      'updatedAt',
    ],
  },
  access: contentAccess,
  // Populated into an article or teaser, an image leaves out where it is used (two join
  // subqueries, and only editors may read them anyway).
  defaultPopulate: { usedInArticles: false, usedInRelated: false },
  upload: {
    staticDir,
    mimeTypes: ['image/*'],
    focalPoint: true,
    adminThumbnail: 'thumbnail',
    imageSizes: IMAGE_SIZES.map((size) => ({ ...size })),
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      localized: true,
      maxLength: 1000,
      validate: requiredInSomeLocale,
      label: label('imagesAlt'),
      admin: {
        description: label('imagesAltDescription'),
      },
    },
    {
      name: 'caption',
      type: 'text',
      localized: true,
      label: label('imagesCaption'),
    },
    {
      name: 'credit',
      type: 'text',
      label: label('imagesCredit'),
    },
    {
      name: 'aiGenerated',
      type: 'checkbox',
      defaultValue: false,
      label: label('imagesAiGenerated'),
    },
    // Where the image is used, so editors can find images nobody uses (uploads from an abandoned
    // article stay; images are never removed automatically). Joins store nothing.
    {
      name: 'usedInArticles',
      type: 'join',
      collection: 'articles',
      on: 'heroImage',
      defaultLimit: 5,
      maxDepth: 0,
      access: { read: ({ req }) => hasRole(req.user, 'admin', 'editor', 'translator') },
      label: label('usedInArticles'),
      admin: {
        description: label('imagesUsedInArticlesDescription'),
      },
    },
    {
      name: 'usedInRelated',
      type: 'join',
      collection: 'related-articles',
      on: 'image',
      defaultLimit: 5,
      maxDepth: 0,
      access: { read: ({ req }) => hasRole(req.user, 'admin', 'editor', 'translator') },
      label: label('imagesUsedInRelatedArticles'),
    },
    {
      // Set by the importer: the same scraped picture is one Image, however often it is imported.
      name: 'importKey',
      type: 'text',
      index: true,
      label: label('importKey'),
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'placeholder',
      type: 'checkbox',
      defaultValue: false,
      label: label('imagesPlaceholder'),
      admin: {
        position: 'sidebar',
        description: label('imagesPlaceholderDescription'),
      },
    },
  ],
}
