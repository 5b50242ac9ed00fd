import type { CollectionConfig, Field, Plugin } from 'payload'

import { appendHooks, extendCollections, extendField } from '../../utilities/config'
import { withPlaceholderCache } from './placeholder'
import { joinsForStaff, originalsForStaff, publicImageUrl } from './publicImage'
import { unusedImagesFilter } from './unusedImages'

export type ImagesOptions = {
  /** The upload collection of pictures. */
  collection: string
  /** Upload fields (collection slug → field name) whose form shows the image's AI label. */
  heroImageFields: Record<string, string>
}

// The "Show unused images" link above the images list.
const UNUSED_IMAGES_LINK = '/features/images/UnusedImagesLink#UnusedImagesLink'

function images(collection: CollectionConfig): CollectionConfig {
  const upload = typeof collection.upload === 'object' ? collection.upload : {}
  const components = collection.admin?.components
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: {
        ...components,
        beforeListTable: [...(components?.beforeListTable ?? []), UNUSED_IMAGES_LINK],
      },
      // `?unused=1`: the images no article uses (the link above the list)
      baseFilter: unusedImagesFilter,
    },
    // Originals (with their EXIF: GPS, serial numbers) for staff; the public gets a resized copy.
    hooks: appendHooks(collection.hooks, {
      afterRead: [publicImageUrl],
      beforeOperation: [joinsForStaff],
    }),
    upload: { ...upload, handlers: [...(upload.handlers ?? []), originalsForStaff] },
  }
}

// the image's AI label and Content Credentials, without opening the image
function withHeroStatus(field: Field): Field {
  if (field.type !== 'upload') return field
  const components = field.admin?.components
  const status = '/features/images/HeroImageStatus#HeroImageStatus'
  const afterInput = [...(components?.afterInput ?? []), status]
  return { ...field, admin: { ...field.admin, components: { ...components, afterInput } } } as Field
}

/**
 * Pictures: resized public copies for readers and originals for staff, the "unused images" list
 * view, the hero image's AI status in the article form, and the importer's placeholder picture
 * resized once (the app's sharp).
 */
export const imagesPlugin =
  ({ collection, heroImageFields }: ImagesOptions): Plugin =>
  (config) => ({
    ...config,
    collections: extendCollections(config.collections, [collection], images).map((c) =>
      heroImageFields[c.slug]
        ? { ...c, fields: extendField(c.fields, heroImageFields[c.slug], withHeroStatus) }
        : c,
    ),
    ...(config.sharp && { sharp: withPlaceholderCache(config.sharp) }),
  })
