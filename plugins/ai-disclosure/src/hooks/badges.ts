import type { FieldHook } from 'payload'

import type { AIBadge } from '../types'
import type { ImageFieldRef } from '../utilities/imageFields'
import type { ImageProvenanceReader } from '../utilities/imageProvenance'
import type { LabelResolver } from '../utilities/labels'

import type { DisclosureSettings } from '../disclosure/hooks'

import { AI_DISCLOSURE_GROUP, BADGES_CONTEXT, type BadgesContext } from '../constants'
import { resolveDisclosure } from '../disclosure/resolve'
import { getValueAtPath, toImageReferences } from '../utilities/imageFields'
import { hasProvenance, isAIImageDoc } from '../utilities/imageProvenance'
import { resolveRequestLocale } from '../utilities/locale'
import { loadDoc } from '../utilities/requestScope'

/** `['heroImage', 'meta.image']` → `{ heroImage: true, meta: { image: true } }` */
const selectFor = (paths: string[]): Record<string, unknown> => {
  const select: Record<string, unknown> = {}
  for (const path of paths) {
    const segments = path.split('.')
    let target = select
    segments.forEach((segment, index) => {
      if (index === segments.length - 1) {
        target[segment] = true
      } else {
        if (typeof target[segment] !== 'object') {
          target[segment] = {}
        }
        target = target[segment] as Record<string, unknown>
      }
    })
  }
  return select
}

/**
 * `afterRead` of the `badges` field of a text collection: the text labels of the read locale (or of
 * the text shown in place of another locale's, `BADGES_CONTEXT`) from `resolveDisclosure` (`reported-by-ai`, `ai-assisted`, `machine-translated`, `reviewed`), `ai-image` when one of its images is AI-generated (looked
 * up when not populated). Fields left out by `select` are read from the stored document (once per
 * request, batched with the sibling documents').
 */
export const createTextBadgesHook = ({
  collectionSlug,
  getLabels,
  imageFields,
  images,
  settings,
}: {
  collectionSlug: string
  getLabels: LabelResolver
  imageFields: ImageFieldRef[]
  images: ImageProvenanceReader
  /** Read on every call: the publish rule may be changed on the running config (tests). */
  settings: Pick<DisclosureSettings, 'rule'>
}): FieldHook => {
  const neededPaths = [AI_DISCLOSURE_GROUP, ...imageFields.map((field) => field.path)]

  const select = selectFor(neededPaths)

  return async ({ currentDepth, data, depth, draft, overrideAccess, req, showHiddenFields }) => {
    let doc = (data ?? {}) as Record<string, unknown>

    const missing = neededPaths.some((path) => getValueAtPath(doc, path) === undefined)
    if (missing && (typeof doc.id === 'string' || typeof doc.id === 'number')) {
      const stored = await loadDoc(req, {
        id: doc.id,
        collection: collectionSlug,
        overrideAccess: true,
        select,
      })
      if (stored) {
        const merged = { ...doc }
        for (const path of neededPaths) {
          const top = path.split('.')[0]!
          if (getValueAtPath(doc, path) === undefined && stored[top] !== undefined) {
            merged[top] = stored[top]
          }
        }
        doc = merged
      }
    }

    // The read's own locale is the text's; a fallback page asks for labels in its own language.
    const textLocale = resolveRequestLocale(req)
    const shown = req.context?.[BADGES_CONTEXT] as BadgesContext | undefined
    const locale = shown?.locale ?? textLocale
    const text = shown?.hideText
      ? { labels: [] }
      : resolveDisclosure(doc, locale, { rule: settings.rule, shownLocale: textLocale })
    const refs = imageFields.flatMap((field) =>
      toImageReferences(getValueAtPath(doc, field.path), field.relationTo),
    )
    let aiImage = false
    const position = { currentDepth, depth, draft, overrideAccess, showHiddenFields }
    for (const ref of refs) {
      // A populated image answers at once; only ids need a lookup.
      const populated =
        typeof ref.value === 'object' && hasProvenance(ref.value) ? isAIImageDoc(ref.value) : null
      if (populated ?? (await images.isAIImage({ overrideAccess, position, ref, req }))) {
        aiImage = true
        break
      }
    }
    if (!text.labels.length && !aiImage) {
      return []
    }

    // labels only when there is a badge to label; the site's own wording of the two classic ones wins
    const labels = await getLabels(req, locale)
    const badges: AIBadge[] = text.labels.map((label) => ({
      type: label.kind as AIBadge['type'],
      label: label.kind === 'reported-by-ai' ? labels.reportedByAI : label.text,
    }))
    if (aiImage) {
      badges.push({ type: 'ai-image', label: labels.aiImage })
    }
    return badges
  }
}

/** `afterRead` of the `badges` field of an image collection: `ai-image` when the image is AI-generated. */
export const createImageBadgesHook = ({
  collectionSlug,
  getLabels,
  images,
}: {
  collectionSlug: string
  getLabels: LabelResolver
  images: ImageProvenanceReader
}): FieldHook => {
  return async ({ data, req }) => {
    const doc = (data ?? {}) as Record<string, unknown>
    let aiImage: boolean
    if ('aiGenerated' in doc || 'digitalSourceType' in doc) {
      aiImage = isAIImageDoc(doc)
    } else if (typeof doc.id === 'string' || typeof doc.id === 'number') {
      aiImage = await images.isAIImage({
        overrideAccess: true,
        ref: { collection: collectionSlug, value: doc.id },
        req,
      })
    } else {
      aiImage = false
    }
    if (!aiImage) {
      return []
    }
    const labels = await getLabels(req, resolveRequestLocale(req))
    return [{ type: 'ai-image', label: labels.aiImage }] satisfies AIBadge[]
  }
}
