import type { PayloadRequest } from 'payload'
import { APIError } from 'payload'
import { GraphQLError, valueFromASTUntyped, type ValidationRule } from 'graphql'

import { listLength, QUERY_LIMITS } from './queryLimits'

/** Largest page a REST or GraphQL read may ask for (`limit`); our own Local API calls are not limited. */
export const MAX_PAGE_SIZE = 100
const MAX_ID_LIST = QUERY_LIMITS.listItems

const pageSizeError = (param: string, value: unknown) =>
  `${param} must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${JSON.stringify(value)}); page through larger results with page=2, 3, …`
const PAGINATION_ERROR = `pagination=false is not allowed: page through results with limit (at most ${MAX_PAGE_SIZE}) and page.`

const validLimit = (value: unknown) => {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE
}
const wholeNumber = (value: unknown) =>
  typeof value === 'string'
    ? /^\d+$/.test(value.trim()) && Number(value) >= 1
    : Number.isInteger(value) && (value as number) >= 1

/**
 * How many documents a `where` can match at most when it pins `id` to a list (`where[id][in]=…`,
 * alone or in a top-level `and`): the admin asks for related documents that way, with `limit=250`.
 */
function idListBound(where: unknown): number | undefined {
  if (!where || typeof where !== 'object') return
  const w = where as Record<string, unknown>
  const list = (w.id as { in?: unknown } | undefined)?.in
  const count = listLength(list)
  if (count !== undefined) return count
  const and = w.and ?? w.AND
  if (and && typeof and === 'object') {
    const bounds = Object.values(and)
      .map(idListBound)
      .filter((n) => n !== undefined)
    if (bounds.length) return Math.min(...bounds)
  }
}
const isFalse = (value: unknown) => value === false || value === 'false' || value === '0'

/**
 * REST reads: what the client asked for in the query string (`limit`, `pagination`, `joins[…][limit]`).
 * Checked against `req.query` rather than the operation's arguments, so that our own Local API calls
 * inside a request (which share its `req`) are not limited. Only GET requests: bulk updates and
 * deletes (`limit=0` from the admin) are writes, not pages.
 */
export function pageSize(req: PayloadRequest): void {
  if (req.payloadAPI !== 'REST' || req.method !== 'GET') return
  const query = (req.query ?? {}) as Record<string, unknown>
  const refuse = (message: string, data: Record<string, unknown>) => {
    throw new APIError(message, 400, { ...data, max: MAX_PAGE_SIZE }, true)
  }
  // A page bounded by its id list is as small as the list (limited by QUERY_LIMITS.listItems).
  const boundedByIds =
    wholeNumber(query.limit) && (idListBound(query.where) ?? Infinity) <= MAX_ID_LIST
  if ('limit' in query && !validLimit(query.limit) && !boundedByIds)
    refuse(pageSizeError('limit', query.limit), { param: 'limit', value: query.limit })
  if ('pagination' in query && isFalse(query.pagination))
    refuse(PAGINATION_ERROR, { param: 'pagination' })
  const joins = query.joins
  if (joins && typeof joins === 'object') {
    for (const [name, join] of Object.entries(joins)) {
      if (
        join &&
        typeof join === 'object' &&
        'limit' in join &&
        !validLimit((join as { limit: unknown }).limit)
      ) {
        refuse(pageSizeError(`joins[${name}][limit]`, (join as { limit: unknown }).limit), {
          param: `joins[${name}][limit]`,
        })
      }
    }
  }
}

/** GraphQL: the same rule for every `limit` and `pagination` argument (find, versions, joins). */
export const graphqlPageSize =
  (variables: Record<string, unknown> | undefined): ValidationRule =>
  (context) => ({
    Argument(node) {
      const name = node.name.value
      if (name !== 'limit' && name !== 'pagination') return
      const value = valueFromASTUntyped(node.value, variables)
      if (value === undefined || value === null) return
      if (name === 'limit' && !validLimit(value))
        context.reportError(new GraphQLError(pageSizeError('limit', value), { nodes: node }))
      if (name === 'pagination' && value === false)
        context.reportError(
          new GraphQLError(PAGINATION_ERROR.replace('pagination=false', 'pagination: false'), {
            nodes: node,
          }),
        )
    },
  })
