import type { CollectionBeforeChangeHook } from 'payload'

import { AI_DISCLOSURE_GROUP } from '../constants'

/**
 * When `humanReviewed` is set, fills `reviewedAt` (now) and `reviewedBy` (the current admin user)
 * if they are empty; unchecking `humanReviewed` clears both.
 */
export const createReviewHook =
  ({ userCollection }: { userCollection: string }): CollectionBeforeChangeHook =>
  ({ data, originalDoc, req }) => {
    const group = data?.[AI_DISCLOSURE_GROUP] as Record<string, unknown> | undefined
    if (!group || typeof group !== 'object') {
      return data
    }
    const previous = (originalDoc?.[AI_DISCLOSURE_GROUP] ?? {}) as Record<string, unknown>
    const reviewed = group.humanReviewed ?? previous.humanReviewed

    if (reviewed === true) {
      if (!(group.reviewedAt ?? previous.reviewedAt)) {
        group.reviewedAt = new Date().toISOString()
      }
      if (
        !(group.reviewedBy ?? previous.reviewedBy) &&
        req.user &&
        req.user.collection === userCollection
      ) {
        group.reviewedBy = req.user.id
      }
    } else if (group.humanReviewed === false && previous.humanReviewed === true) {
      group.reviewedAt = null
      group.reviewedBy = null
    }
    return data
  }
