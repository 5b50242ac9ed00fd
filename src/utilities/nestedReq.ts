import type { PayloadRequest } from 'payload'
import { isolateObjectProperty } from 'payload'

/**
 * What Payload's Local API (createLocalReq) overwrites on the request it is handed: `locale`,
 * `fallbackLocale` (reset to the configured fallback even when the call names none), `user`,
 * `query.depth` and `context`. Inside a save these would change the outer operation: a validator
 * reading `locale: 'all'` made Payload merge the incoming texts against the wrong locale and drop
 * them. `transactionID` is isolated too, so a nested call that starts its own transaction cannot
 * commit or roll back the caller's. The lint rule `newsroom/nested-req` (eslint/rules/nested-req.js)
 * fails code under src/, collections/ and plugins/ that hands a Local API call any other `req`.
 */
const ISOLATED = ['locale', 'fallbackLocale', 'user', 'query', 'context', 'transactionID'] as const

/**
 * The request to hand to a Local API call made inside another operation (a hook, validator,
 * access function or endpoint). It shares the payload instance, user, i18n, headers, data loader
 * and the caller's open transaction (the nested call reads its uncommitted writes, and its own
 * writes commit or roll back with the caller's), but whatever the nested call sets stays on it.
 *
 * ```ts
 * await req.payload.findByID({ collection, id, locale: 'all', req: nestedReq(req) })
 * ```
 */
export function nestedReq(req: PayloadRequest): PayloadRequest {
  const nested = isolateObjectProperty(req, [...ISOLATED])
  // Copies, so writes into them (query.depth, context keys) stay on the nested request.
  Object.assign(nested, { query: { ...req.query }, context: { ...req.context } })
  return nested
}
