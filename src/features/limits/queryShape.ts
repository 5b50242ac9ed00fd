import type { PayloadRequest } from 'payload'
import { APIError } from 'payload'

/**
 * Limits of a client's `sort`. Payload joins the tables of every dotted sort path on its own (no
 * sharing between paths): 70 relation paths made one query of ~17 KB over more than 64 tables,
 * which SQLite refuses (a 500, and the whole SQL in the log).
 */
export const SORT_LIMITS = {
  /** fields in one `sort` */
  fields: 5,
  /** segments of one sort path (`relatedArticles.article.heroImage.alt` is 4) */
  segments: 4,
  /** characters of one sort path */
  pathChars: 200,
}

const refuse = (message: string, data: Record<string, unknown>): never => {
  throw new APIError(message, 400, data, true)
}

/**
 * The shape of a REST / GraphQL read's `where` and `sort` before Payload builds a query from them:
 * `where` must be an object (`?where=1` parses as JSON to a number), `sort` a bounded list of paths.
 * Our own Local API calls are not checked.
 */
export function queryShape(req: PayloadRequest, args: unknown): void {
  if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return
  const { where, sort } = (args ?? {}) as { where?: unknown; sort?: unknown }
  if (where != null && (typeof where !== 'object' || Array.isArray(where)))
    refuse('The `where` parameter must be an object, e.g. where[slug][equals]=my-article.', {
      param: 'where',
    })
  if (sort == null || sort === '') return
  const fields =
    typeof sort === 'string'
      ? sort.split(',')
      : Array.isArray(sort) && sort.every((s) => typeof s === 'string')
        ? (sort as string[])
        : refuse('The `sort` parameter must be a field name or a comma-separated list.', {
            param: 'sort',
          })
  const paths = fields.map((f) => f.trim()).filter(Boolean)
  if (paths.length > SORT_LIMITS.fields)
    refuse(`Sort by at most ${SORT_LIMITS.fields} fields (got ${paths.length}).`, {
      param: 'sort',
      limit: SORT_LIMITS.fields,
    })
  for (const path of paths) {
    if (path.length > SORT_LIMITS.pathChars || path.split('.').length > SORT_LIMITS.segments)
      refuse(
        `A sort path may have at most ${SORT_LIMITS.segments} segments of ${SORT_LIMITS.pathChars} characters in all: "${path.slice(0, 60)}".`,
        { param: 'sort', limit: SORT_LIMITS.segments },
      )
  }
}
