import type { Field } from 'payload'

/** An upload/relationship field of a text collection that points at image collections. */
export type ImageFieldRef = {
  /** Dot path from the document root, e.g. `heroImage` or `meta.image`. */
  path: string
  /** The image collections it can point at. */
  relationTo: string[]
}

/** Collects upload and relationship fields with their data paths; arrays and blocks are not entered. */
const collectRelationFields = (fields: Field[], prefix = ''): ImageFieldRef[] => {
  const refs: ImageFieldRef[] = []
  for (const field of fields) {
    switch (field.type) {
      case 'collapsible':
      case 'row':
        refs.push(...collectRelationFields(field.fields, prefix))
        break
      case 'group':
        refs.push(
          ...collectRelationFields(
            field.fields,
            'name' in field && field.name ? `${prefix}${field.name}.` : prefix,
          ),
        )
        break
      case 'relationship':
      case 'upload':
        if (!('virtual' in field && field.virtual)) {
          refs.push({
            path: `${prefix}${field.name}`,
            relationTo: Array.isArray(field.relationTo)
              ? [...field.relationTo]
              : [field.relationTo as string],
          })
        }
        break
      case 'tabs':
        for (const tab of field.tabs) {
          refs.push(
            ...collectRelationFields(
              tab.fields,
              'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix,
            ),
          )
        }
        break
      default:
        break
    }
  }
  return refs
}

/**
 * The image fields of a text collection: the explicitly configured paths, else every upload or
 * relationship field whose `relationTo` includes an image collection.
 */
export const resolveImageFields = ({
  collectionSlug,
  explicitPaths,
  fields,
  imageCollections,
}: {
  collectionSlug: string
  explicitPaths?: string[]
  fields: Field[]
  imageCollections: string[]
}): ImageFieldRef[] => {
  const all = collectRelationFields(fields)
  const toImageRef = (ref: ImageFieldRef): ImageFieldRef => ({
    path: ref.path,
    relationTo: ref.relationTo.filter((slug) => imageCollections.includes(slug)),
  })

  if (explicitPaths) {
    return explicitPaths.map((path) => {
      const ref = all.find((candidate) => candidate.path === path)
      if (!ref) {
        throw new Error(
          `[ai-disclosure] imageFields: "${collectionSlug}" has no upload or relationship field at "${path}" (arrays and blocks are not supported).`,
        )
      }
      const imageRef = toImageRef(ref)
      if (!imageRef.relationTo.length) {
        throw new Error(
          `[ai-disclosure] imageFields: "${collectionSlug}.${path}" does not point at any of the imageCollections (${imageCollections.join(', ') || 'none'}).`,
        )
      }
      return imageRef
    })
  }

  return all.map(toImageRef).filter((ref) => ref.relationTo.length > 0)
}

/** Reads a dot path; `undefined` when a segment is missing (e.g. not selected), `null` when set to null. */
export const getValueAtPath = (doc: Record<string, unknown> | undefined, path: string): unknown => {
  let current: unknown = doc
  for (const segment of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') {
      return current === null ? null : undefined
    }
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

/** One image a field value refers to: a populated document or an ID, with its collection. */
export type ImageReference = {
  collection: string
  value: number | Record<string, unknown> | string
}

/** Turns a relationship/upload value (ID, document, polymorphic `{ relationTo, value }`, or a list) into references. */
export const toImageReferences = (value: unknown, relationTo: string[]): ImageReference[] => {
  if (value === null || value === undefined || value === '') {
    return []
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => toImageReferences(item, relationTo))
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (typeof record.relationTo === 'string' && 'value' in record) {
      return relationTo.includes(record.relationTo)
        ? toImageReferences(record.value, [record.relationTo])
        : []
    }
    return relationTo.length === 1 ? [{ collection: relationTo[0]!, value: record }] : []
  }
  if ((typeof value === 'string' || typeof value === 'number') && relationTo.length === 1) {
    return [{ collection: relationTo[0]!, value }]
  }
  return []
}
