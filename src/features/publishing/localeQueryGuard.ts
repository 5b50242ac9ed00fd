import type {
  CollectionBeforeOperationHook,
  CollectionSlug,
  FlattenedField,
  PayloadRequest,
  SanitizedCollectionConfig,
  Where,
} from 'payload'
import { APIError } from 'payload'

import { mayReadDrafts } from '../accounts/roles'
import { PUBLICATION } from './localePublication'
import { LOCALE_CODES } from '../languages/locales'

// Readers without draft access never query a locale they may not read (docs/publishing.md).
// Every condition or sort on a localized field of a collection with per-locale publication, in
// locale L (the request's locale, or the one the path names: `title.de`), is AND-ed with
// "L is published there" (`publication.L.live`), at the same place in the query, so it only ever
// matches the stored text of a published locale — never an unpublished locale's text, never a
// locale saved but not yet published. Relation paths (`article.title`) get the related document's
// condition (`article.publication.L.live`). `draft=true` is answered as the plain read.

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value))

const hasPublication = (config: SanitizedCollectionConfig | undefined) =>
  Boolean(config?.flattenedFields.some((f) => f.name === PUBLICATION && f.type === 'group'))

const refuse = (message: string): never => {
  throw new APIError(message, 400, null, true)
}

type Context = { req: PayloadRequest; codes: string[]; locale: string | undefined }

/** The relation target a field leads to (single-collection relations and joins). */
function targetOf(field: FlattenedField): CollectionSlug | undefined {
  if (field.type === 'relationship' || field.type === 'upload')
    return typeof field.relationTo === 'string' ? (field.relationTo as CollectionSlug) : undefined
  if (field.type === 'join') return field.collection as CollectionSlug
  return undefined
}

/**
 * The `publication.L.live` paths (relative to the queried collection) a condition or sort on
 * `path` must be AND-ed with. Unknown paths are left to Payload's own validation.
 */
export function visibilityPaths(path: string, slug: CollectionSlug, ctx: Context): string[] {
  const segments = path.replace(/__/g, '.').split('.')
  const out: string[] = []
  let config = ctx.req.payload.collections[slug]?.config
  let fields: FlattenedField[] = config?.flattenedFields ?? []
  let prefix = ''
  let localizedParent = false
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const field = fields.find((f) => 'name' in f && f.name === segment)
    if (!field) break
    if (segment === PUBLICATION && field.type === 'group' && hasPublication(config)) {
      // a locale's record counts as published text: `publication.de.firstPublishedAt` of an
      // unpublished locale is not shown, so it is not matched either
      const locale = segments[i + 1]
      if (locale && ctx.codes.includes(locale) && segments[i + 2] && segments[i + 2] !== 'live')
        out.push(`${prefix}${PUBLICATION}.${locale}.live`)
      break
    }
    const localized: boolean =
      localizedParent || Boolean((field as { localized?: boolean }).localized)
    if (localized && !localizedParent && hasPublication(config)) {
      const next = segments[i + 1]
      const named = next !== undefined && ctx.codes.includes(next)
      const locale = named ? next : ctx.locale
      if (!locale)
        refuse(
          `"${path}" is localized: with locale=all, readers without draft access cannot filter or sort on it. Ask for one locale.`,
        )
      out.push(`${prefix}${PUBLICATION}.${locale}.live`)
      if (named) i++
    }
    localizedParent = localized
    const target = targetOf(field)
    if (target) {
      // a polymorphic relation ends the walk (none of ours leads to a collection with publication)
      config = ctx.req.payload.collections[target]?.config
      fields = config?.flattenedFields ?? []
      prefix = `${segments.slice(0, i + 1).join('.')}.`
      localizedParent = false
      continue
    }
    if ('flattenedFields' in field && Array.isArray(field.flattenedFields)) {
      fields = field.flattenedFields as FlattenedField[]
      continue
    }
    break
  }
  return out
}

const MAX_DEPTH = 20

/** `where` with each condition on a localized field AND-ed with its locale being published. */
export function guardWhere(where: unknown, slug: CollectionSlug, ctx: Context, depth = 0): Where {
  if (!isPlainObject(where)) return where as Where
  if (depth > MAX_DEPTH) refuse('The query is nested too deeply.')
  const out: Where = {}
  const extra = new Set<string>()
  for (const [key, value] of Object.entries(where)) {
    const lower = key.toLowerCase()
    if ((lower === 'and' || lower === 'or') && Array.isArray(value)) {
      out[key] = value.map((item) => guardWhere(item, slug, ctx, depth + 1))
      continue
    }
    let operators = value
    if (isPlainObject(value)) {
      // `contains` with a nested where (has-many relations, joins): guarded in the related
      // collection, where Payload prefixes it with the path.
      const target = relationTargetAt(key, slug, ctx)
      const copy: Record<string, unknown> = { ...value }
      for (const [op, nested] of Object.entries(value))
        if (op === 'contains' && isPlainObject(nested) && target)
          copy[op] = guardWhere(nested, target, ctx, depth + 1)
      operators = copy
    }
    out[key] = operators as Where[string]
    for (const p of visibilityPaths(key, slug, ctx)) extra.add(p)
  }
  if (!extra.size) return out
  return { and: [out, ...[...extra].map((p) => ({ [p]: { equals: true } }))] }
}

function relationTargetAt(
  path: string,
  slug: CollectionSlug,
  ctx: Context,
): CollectionSlug | undefined {
  let fields: FlattenedField[] = ctx.req.payload.collections[slug]?.config.flattenedFields ?? []
  let found: FlattenedField | undefined
  for (const segment of path.replace(/__/g, '.').split('.')) {
    found = fields.find((f) => 'name' in f && f.name === segment)
    if (!found) return undefined
    const target = targetOf(found)
    fields = target
      ? (ctx.req.payload.collections[target]?.config.flattenedFields ?? [])
      : 'flattenedFields' in found
        ? (found.flattenedFields as FlattenedField[])
        : []
  }
  return found ? targetOf(found) : undefined
}

const sortPaths = (sort: unknown): string[] =>
  (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [])
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim().replace(/^[-+]/, ''))
    .filter(Boolean)

/**
 * Adds the conditions a sort on localized fields needs: ordering by a locale's text is only over
 * documents published in that locale (otherwise the order tells the hidden text apart).
 */
function guardSort(where: Where | undefined, sort: unknown, slug: CollectionSlug, ctx: Context) {
  const extra = new Set<string>()
  for (const path of sortPaths(sort)) for (const p of visibilityPaths(path, slug, ctx)) extra.add(p)
  if (!extra.size) return where
  const conditions = [...extra].map((p) => ({ [p]: { equals: true } }))
  return { and: [...(where && Object.keys(where).length ? [where] : []), ...conditions] }
}

type ReadArgs = {
  draft?: boolean
  where?: Where
  sort?: unknown
  joins?: false | Record<string, { where?: Where; sort?: unknown } | false | undefined>
  field?: string
  overrideAccess?: boolean
}

/**
 * beforeOperation on every collection: for readers without draft access (Local API calls with
 * `overrideAccess: false` included), `draft` is off and every condition and sort is guarded as
 * described above (also in joins, and the field of a distinct-values query).
 */
export const guardLocaleQueries: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'read' && operation !== 'count' && operation !== 'readDistinct') return args
  const read = args as ReadArgs
  if (read.overrideAccess || mayReadDrafts(req.user)) return args
  const codes = LOCALE_CODES
  const ctx: Context = {
    req,
    codes,
    locale: req.locale && req.locale !== 'all' ? req.locale : undefined,
  }
  const slug = collection.slug as CollectionSlug
  const next: ReadArgs = { ...read, draft: false }
  let where = read.where ? guardWhere(read.where, slug, ctx) : read.where
  where = guardSort(where, read.sort, slug, ctx)
  if (operation === 'readDistinct' && typeof read.field === 'string')
    where = guardSort(where, read.field, slug, ctx)
  if (where) next.where = where
  if (read.joins && typeof read.joins === 'object') {
    const joins: NonNullable<ReadArgs['joins']> = {}
    for (const [path, join] of Object.entries(read.joins)) {
      const target = relationTargetAt(path, slug, ctx)
      if (!join || !target) {
        joins[path] = join
        continue
      }
      let joinWhere = join.where ? guardWhere(join.where, target, ctx) : join.where
      joinWhere = guardSort(joinWhere, join.sort, target, ctx)
      joins[path] = joinWhere ? { ...join, where: joinWhere } : join
    }
    next.joins = joins
  }
  return next as typeof args
}
