import type { CollectionSlug, Field, Validate } from 'payload'
import { validations } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

type RelationValue =
  string | number | { relationTo?: string; value?: unknown; id?: unknown } | null | undefined

/** Ids per target collection of a relationship/upload value (single, hasMany or polymorphic). */
function idsByCollection(
  value: unknown,
  relationTo: string | string[],
): Map<string, Set<string | number>> {
  const result = new Map<string, Set<string | number>>()
  const add = (collection: string, id: unknown) => {
    if (typeof id === 'object' && id !== null && 'id' in id) id = (id as { id: unknown }).id // populated doc
    if (typeof id !== 'string' && typeof id !== 'number') return
    if (!result.has(collection)) result.set(collection, new Set())
    result.get(collection)!.add(id)
  }
  for (const item of (Array.isArray(value) ? value : [value]) as RelationValue[]) {
    if (item === null || item === undefined) continue
    if (Array.isArray(relationTo)) {
      if (typeof item === 'object' && item.relationTo) add(item.relationTo, item.value)
    } else {
      add(relationTo, item)
    }
  }
  return result
}

const sameIds = (a: Map<string, Set<string | number>>, b: Map<string, Set<string | number>>) =>
  a.size === b.size &&
  [...a].every(
    ([collection, ids]) =>
      b.get(collection)?.size === ids.size && [...ids].every((id) => b.get(collection)!.has(id)),
  )

export function withExistingRelations(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'relationship' || field.type === 'upload') {
      const base = (field.validate ?? validations[field.type]) as Validate
      const validate: Validate = async (value, options) => {
        const result = await base(value, options)
        if (result !== true || !options.req?.payload) return result
        const wanted = idsByCollection(value, field.relationTo)
        // The stored references, saved again unchanged (a publish of other fields): not new ones.
        if (sameIds(wanted, idsByCollection(options.previousValue, field.relationTo))) return true
        for (const [collection, ids] of wanted) {
          const { totalDocs } = await options.req.payload.count({
            collection: collection as CollectionSlug,
            where: { id: { in: [...ids] } },
            overrideAccess: true,
            req: nestedReq(options.req),
          })
          if (totalDocs !== ids.size)
            return `A related ${collection} document does not exist (${[...ids].join(', ')}).`
        }
        return true
      }
      return { ...field, validate } as Field
    }
    if ('fields' in field && Array.isArray(field.fields))
      return { ...field, fields: withExistingRelations(field.fields) } as Field
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: withExistingRelations(tab.fields) })),
      }
    }
    return field
  })
}
