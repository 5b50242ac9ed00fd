import type { CollectionBeforeOperationHook, CollectionSlug, Config, Field, PayloadRequest, Validate } from 'payload'
import { APIError, validations } from 'payload'
import { nestedReq } from 'payload-nested-req'

/**
 * Turns inputs that Payload would otherwise accept silently or answer with a 500 into clear 400s,
 * for every collection and global (including those that plugins add):
 * - an unknown `locale` / `fallback-locale` query parameter (Payload would quietly use the default);
 * - a create/update body that is not a JSON object;
 * - a relationship or upload pointing at a document that does not exist (SQLite's foreign key
 *   error would be a 500; MongoDB would store a dangling reference).
 */
export const apiGuards = (config: Config): Config => {
  const localeCodes = (config.localization ? config.localization.locales : []).map((l) =>
    typeof l === 'string' ? l : l.code,
  )

  const checkLocaleParams = (req: PayloadRequest) => {
    for (const param of ['locale', 'fallback-locale']) {
      const value = req.searchParams?.get(param)
      if (!value) continue
      const allowed = param === 'locale' ? [...localeCodes, 'all', '*'] : [...localeCodes, 'none', 'null', 'false']
      if (!allowed.includes(value)) {
        const options = allowed.filter((v) => v !== '*')
        const message = `Unknown ${param} "${value}". Use one of: ${options.join(', ')}.`
        // With data attached the message survives production error formatting.
        throw new APIError(message, 400, { param, value, allowed: options }, true)
      }
    }
  }

  const guard: CollectionBeforeOperationHook = ({ args, operation, req }) => {
    checkLocaleParams(req)
    if (operation === 'create' || operation === 'update' || operation === 'updateByID') {
      const data = (args as { data?: unknown }).data
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new APIError('The request body must be a JSON object.', 400, { received: Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data }, true)
      }
    }
    return args
  }

  return {
    ...config,
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      fields: withExistingRelations(collection.fields),
      hooks: { ...collection.hooks, beforeOperation: [guard, ...(collection.hooks?.beforeOperation ?? [])] },
    })),
    globals: (config.globals ?? []).map((global) => ({
      ...global,
      fields: withExistingRelations(global.fields),
      hooks: {
        ...global.hooks,
        beforeRead: [({ req, doc }) => (checkLocaleParams(req), doc), ...(global.hooks?.beforeRead ?? [])],
        beforeValidate: [({ req, data }) => (checkLocaleParams(req), data), ...(global.hooks?.beforeValidate ?? [])],
      },
    })),
  }
}

type RelationValue = string | number | { relationTo?: string; value?: unknown; id?: unknown } | null | undefined

/** Ids per target collection of a relationship/upload value (single, hasMany or polymorphic). */
function idsByCollection(value: unknown, relationTo: string | string[]): Map<string, Set<string | number>> {
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

function withExistingRelations(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'relationship' || field.type === 'upload') {
      const base = (field.validate ?? validations[field.type]) as Validate
      const validate: Validate = async (value, options) => {
        const result = await base(value, options)
        if (result !== true || !options.req?.payload) return result
        for (const [collection, ids] of idsByCollection(value, field.relationTo)) {
          const { totalDocs } = await options.req.payload.count({
            collection: collection as CollectionSlug,
            where: { id: { in: [...ids] } },
            overrideAccess: true,
            req: nestedReq(options.req),
          })
          if (totalDocs !== ids.size) return `A related ${collection} document does not exist (${[...ids].join(', ')}).`
        }
        return true
      }
      return { ...field, validate } as Field
    }
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: withExistingRelations(field.fields) } as Field
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withExistingRelations(tab.fields) })) }
    }
    return field
  })
}
