import type { CollectionBeforeValidateHook } from 'payload'

import { nestedReq } from '../../utilities/nestedReq'

import { idOf } from '../../utilities/ids'

/**
 * Restoring an old version must not fail because a teaser or image it listed was deleted since
 * (the importer removes teasers and images no current version uses; editors delete too). The
 * missing ids are dropped with a warning. Only on restore: any other write with a missing id stays
 * a 400 (src/features/limits/guards.ts).
 */
export const dropMissingOnRestore: CollectionBeforeValidateHook = async ({
  context,
  data,
  req,
}) => {
  if (!context?.isRestoringVersion || !data) return data
  const existing = async (collection: 'images' | 'related-articles', ids: string[]) => {
    if (ids.length === 0) return new Set<string>()
    const { docs } = await req.payload.find({
      collection,
      where: { id: { in: ids } },
      select: {},
      limit: 0,
      pagination: false,
      depth: 0,
      req: nestedReq(req),
    })
    return new Set(docs.map((doc) => doc.id))
  }
  const dropped: string[] = []

  const hero = idOf(data.heroImage)
  if (hero && !(await existing('images', [hero])).has(hero)) {
    data.heroImage = null
    dropped.push(`heroImage ${hero}`)
  }
  if (Array.isArray(data.relatedArticles)) {
    const ids = data.relatedArticles.map(idOf).filter((id): id is string => Boolean(id))
    const found = await existing('related-articles', ids)
    data.relatedArticles = data.relatedArticles.filter((value: unknown) => {
      const id = idOf(value)
      if (!id || found.has(id)) return true
      dropped.push(`relatedArticles ${id}`)
      return false
    })
  }
  if (dropped.length > 0) {
    req.payload.logger.warn(
      `Restoring article ${data.id ?? ''}: dropped references to deleted documents (${dropped.join(', ')})`,
    )
  }
  return data
}
