import type { PayloadRequest } from 'payload'
import { isolateObjectProperty } from 'payload'

/**
 * Payload's Local API overwrites `locale`, `fallbackLocale`, `user`, `query.depth` and `context` of
 * the request it is handed (createLocalReq). A Local API call made inside an operation (hook,
 * validator, access function, endpoint) gets this view of the operation's `req` instead, so it
 * cannot change the operation that is still running. It shares everything else, the open
 * transaction included; `transactionID` is its own so a nested transaction cannot end the caller's.
 */
const ISOLATED = ['locale', 'fallbackLocale', 'user', 'query', 'context', 'transactionID'] as const

export function nestedReq(req: PayloadRequest): PayloadRequest {
  const nested = isolateObjectProperty(req, [...ISOLATED])
  // Copies, so writes into them (query.depth, context keys) stay on the nested request.
  Object.assign(nested, { query: { ...req.query }, context: { ...req.context } })
  return nested
}
