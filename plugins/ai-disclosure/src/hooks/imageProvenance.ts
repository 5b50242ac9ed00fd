import type { CollectionAfterChangeHook } from 'payload'

import type { ImageProvenanceReader } from '../utilities/imageProvenance'

/** After an image changed, answers cached for this request no longer hold. */
export const createInvalidateImageCache =
  (images: ImageProvenanceReader): CollectionAfterChangeHook =>
  ({ collection, doc, req }) => {
    if (doc?.id !== undefined) {
      images.invalidate(req, collection.slug, doc.id)
    }
    return doc
  }
