import type { FlattenedField, PayloadRequest, SanitizedCollectionConfig } from 'payload'
import { APIError } from 'payload'

/**
 * What a client's `where` may ask of the fields it names. Payload's SQL adapters join tables for
 * every relationship, localized, array and hasMany hop of every condition, without sharing them
 * between conditions: 30 conditions on `relatedArticles.article.relatedArticles.article.title` made
 * SQLite refuse the query ("too many FROM clause terms, max: 200", a 500 with the whole SQL).
 */
export const WHERE_LIMITS = {
  /**
   * tables one `where` may join, as estimated by `resolveWherePath`; SQLite allows 64 tables in one
   * join (and 200 FROM terms), PostgreSQL plans joins of over 12 tables by a genetic search
   */
  joins: 48,
}

/** Operators on GeoJSON `point` fields only. */
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])
/** Operators whose value is not a date even on a date field. */
const NOT_A_VALUE = new Set(['exists'])

const refuse = (message: string, data: Record<string, unknown>): never => {
  throw new APIError(message, 400, data, true)
}

/** `localized`: the path passes a localized field; `hops`: relationships it follows. */
type Resolved = { field: FlattenedField; joins: number; localized: boolean; hops: number }
type Fields = readonly FlattenedField[]

/**
 * The field a `where` path ends at and an estimate of the tables Payload joins to reach it, or
 * undefined when the path names no field (Payload answers those itself with a 400). Relationship
 * hops continue in the related collection; a locale code after a localized field
 * (`publication.en.live`) is skipped. Measured on SQLite, the tables grow faster than the hops
 * (`relatedArticles.title` ~1 per condition, `relatedArticles.article.relatedArticles.article.title`
 * ~16), so the k-th relationship hop counts 2^k, a localized field behind a relationship and an
 * array, blocks or hasMany field 1.
 */
export function resolveWherePath(
  req: PayloadRequest,
  fields: Fields,
  path: string,
): Resolved | undefined {
  const config = req.payload.config
  const locales = new Set(config.localization ? config.localization.localeCodes : [])
  const segments = path.split('.')
  let current: Fields = fields
  let field: FlattenedField | undefined
  let joins = 0
  let hops = 0
  let localized = false
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    if (field && 'localized' in field && field.localized && locales.has(segment)) continue
    if (segment === 'id' && !current.some((f) => f.name === 'id'))
      return { field: { name: 'id', type: 'text' } as FlattenedField, joins, localized, hops }
    field = current.find((f) => f.name === segment)
    if (!field) return undefined
    // the queried collection's locales table is joined once for all conditions
    if ('localized' in field && field.localized && !localized) {
      localized = true
      if (hops) joins += 1
    }
    const hasMany = 'hasMany' in field && field.hasMany
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        const polymorphic = Array.isArray(field.relationTo)
        joins += 2 ** ++hops
        if (i === segments.length - 1) break
        // `value` / `relationTo` of a polymorphic relationship: its own columns
        const slug = polymorphic
          ? (field.relationTo as string[])[0]
          : (field.relationTo as unknown as string)
        const related = config.collections.find((c) => c.slug === slug)
        if (!related) return undefined
        current = related.flattenedFields
        localized = false
        if (polymorphic && (segments[i + 1] === 'value' || segments[i + 1] === 'relationTo'))
          return { field, joins, localized, hops }
        break
      }
      case 'join':
        joins += 2 ** ++hops
        break
      case 'array':
        joins += 1
        current = field.flattenedFields
        break
      case 'blocks':
        joins += 1
        current = field.blocks.flatMap((b) => b.flattenedFields)
        break
      case 'group':
      case 'tab':
        current = field.flattenedFields
        break
      default:
        if (hasMany) joins += 1
    }
  }
  return field && { field, joins, localized, hops }
}

const isValidDate = (value: unknown): boolean => {
  if (value === null || value === '' || value === 'null' || value instanceof Date) return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (typeof value !== 'string') return false
  return !Number.isNaN(new Date(value).getTime())
}

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const valuesOf = (operator: string, operand: unknown): unknown[] =>
  typeof operand === 'string' && LIST_OPERATORS.has(operator)
    ? operand.split(',')
    : Array.isArray(operand)
      ? operand
      : operand && typeof operand === 'object'
        ? Object.values(operand)
        : [operand]

/**
 * Each condition of a REST / GraphQL `where` against the field it names: an operator the field's
 * type or the database cannot run (`near` on a text, `all` on SQL databases), a value of a date
 * field that is no date (the SQL adapters bound `undefined`: a 500), and the tables all conditions
 * join together (WHERE_LIMITS.joins). Iterative, like `checkWhere`; runs after `queryLimits`, so the
 * number of conditions is already bounded.
 */
export function whereFields(
  req: PayloadRequest,
  collection: Pick<SanitizedCollectionConfig, 'flattenedFields' | 'slug'>,
  args: unknown,
): void {
  if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return
  const { where, joins } = (args ?? {}) as { where?: unknown; joins?: unknown }
  const budget = { joins: 0 }
  if (where) checkConditions(req, collection.flattenedFields, where, budget)
  if (!joins || typeof joins !== 'object') return
  for (const [name, join] of Object.entries(joins)) {
    if (!join || typeof join !== 'object') continue
    const field = collection.flattenedFields.find((f) => f.name === name)
    const related =
      field?.type === 'join' && typeof field.collection === 'string'
        ? req.payload.config.collections.find((c) => c.slug === field.collection)
        : undefined
    if (!related) continue
    if ('where' in join && join.where)
      checkConditions(req, related.flattenedFields, join.where, budget)
    if ('sort' in join) joinSort(req, name, related.flattenedFields, join.sort)
  }
}

/** A hasOne relationship of the document itself (its id is a column of the document's table). */
const ownColumn = (path: string, { field }: Resolved) =>
  !path.includes('.') &&
  (field.type === 'relationship' || field.type === 'upload') &&
  !field.hasMany &&
  !Array.isArray(field.relationTo) &&
  !field.localized

/**
 * A join's `sort` (`joins[usedIn][sort]=-title`): Payload's SQL adapters sort a join's documents in
 * a subquery that cannot reach a localized field's table or a related document (SQLite: "no such
 * column: articles.id", a 500). Fields of the joined documents' own table sort (`-publishedAt`).
 */
export function joinSort(req: PayloadRequest, name: string, fields: Fields, sort: unknown): void {
  if (sort == null || sort === '') return
  const paths = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? sort : [sort]
  for (const raw of paths) {
    const path = typeof raw === 'string' ? raw.trim().replace(/^[-+]/, '') : undefined
    const resolved = path ? resolveWherePath(req, fields, path) : undefined
    if (
      path !== undefined &&
      (!resolved || (!resolved.localized && !resolved.hops) || ownColumn(path, resolved))
    )
      continue
    refuse(
      `joins[${name}][sort] can sort by a field of the joined documents' own table only, not a localized field or one reached through a relationship (e.g. -publishedAt or slug); got ${JSON.stringify(raw)?.slice(0, 80)}.`,
      { param: `joins[${name}][sort]` },
    )
  }
}

function checkConditions(
  req: PayloadRequest,
  fields: Fields,
  where: unknown,
  budget: { joins: number },
): void {
  const operators = (req.payload.db as { operators?: Record<string, unknown> }).operators
  const stack: unknown[] = [where]
  while (stack.length) {
    const node = stack.pop()
    if (!node || typeof node !== 'object') continue
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const lower = key.toLowerCase()
      if ((lower === 'and' || lower === 'or') && value && typeof value === 'object') {
        stack.push(...Object.values(value))
        continue
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue
      const resolved = resolveWherePath(req, fields, key)
      if (!resolved) continue // an unknown path: Payload's own 400
      const { field } = resolved
      for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
        budget.joins += resolved.joins
        if (budget.joins > WHERE_LIMITS.joins)
          refuse(
            `The where query joins too many tables (more than ${WHERE_LIMITS.joins}): each condition on a relationship, localized or list field joins its own. Use fewer such conditions, or shorter paths.`,
            { limit: 'joins', max: WHERE_LIMITS.joins },
          )
        const geo = GEO_OPERATORS.has(operator)
        if (
          (geo && field.type !== 'point') ||
          (!geo && operators && !Object.hasOwn(operators, operator))
        )
          refuse(
            `where[${key}][${operator}]: the operator "${operator}" does not apply to this ${field.type} field${geo ? '' : ' on this database'}.`,
            { path: key, operator, fieldType: field.type },
          )
        if (field.type === 'date' && !NOT_A_VALUE.has(operator)) {
          const values = valuesOf(operator, operand)
          const bad = values.findIndex((v) => !isValidDate(v))
          if (bad >= 0)
            refuse(
              `where[${key}][${operator}] is not a date: ${JSON.stringify(values[bad])?.slice(0, 60)}. Use an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z.`,
              { path: key, operator, fieldType: 'date' },
            )
        }
      }
    }
  }
}
