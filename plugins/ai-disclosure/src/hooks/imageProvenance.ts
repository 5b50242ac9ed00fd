import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { ImageProvenanceReader } from '../utilities/imageProvenance'

import {
  DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM,
  digitalSourceTypeURI,
  isAIDigitalSourceType,
  normalizeDigitalSourceType,
} from '../constants'

/**
 * Keeps `aiGenerated` and `digitalSourceType` in agreement, also on partial updates (compares
 * with `originalDoc`):
 * - a newly chosen type decides: an AI type sets `aiGenerated`, any other type clears it;
 * - `aiGenerated` without an AI type sets `trainedAlgorithmicMedia`;
 * - unchecking `aiGenerated` clears an AI type.
 * Terms and https URIs are normalised to the IPTC URI; unknown values are left for validation to reject.
 */
export const syncImageProvenance: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (!data) {
    return data
  }
  const previousAI = Boolean(originalDoc?.aiGenerated)
  const previousType = normalizeDigitalSourceType(originalDoc?.digitalSourceType) ?? null

  let type: null | string
  if (data.digitalSourceType !== undefined) {
    const normalized = normalizeDigitalSourceType(data.digitalSourceType)
    if (normalized === undefined) {
      return data
    }
    type = normalized
  } else {
    type = previousType
  }
  let ai =
    data.aiGenerated === undefined || data.aiGenerated === null
      ? previousAI
      : Boolean(data.aiGenerated)

  const typeChanged = type !== previousType
  const aiChanged = ai !== previousAI
  if (type && (typeChanged || !aiChanged)) {
    ai = isAIDigitalSourceType(type)
  } else if (ai && !isAIDigitalSourceType(type)) {
    type = digitalSourceTypeURI(DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM)
  } else if (!ai && isAIDigitalSourceType(type)) {
    type = null
  }

  data.aiGenerated = ai
  data.digitalSourceType = type
  return data
}

/** After an image changed, answers cached for this request no longer hold. */
export const createInvalidateImageCache =
  (images: ImageProvenanceReader): CollectionAfterChangeHook =>
  ({ collection, doc, req }) => {
    if (doc?.id !== undefined) {
      images.invalidate(req, collection.slug, doc.id)
    }
    return doc
  }
