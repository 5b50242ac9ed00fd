import type { RequestHandler } from 'express'

import { type CredentialCheck, credentialCheck } from '../cache/credentials'
import { GRAPHQL_LIMITS } from './graphqlBody'

/**
 * Largest request body: image uploads (multipart), a query sent as a body (`POST` with Payload's
 * `X-Payload-HTTP-Method-Override: GET`, which the admin uses for long id lists; a URL is bounded by
 * Node's 16 KB header limit) and everything else (JSON, GraphQL, forms).
 */
export const BODY_LIMITS = {
  upload: 25 * 1024 * 1024,
  query: 64 * 1024,
  other: 2 * 1024 * 1024,
  /** GraphQL without a credential (GRAPHQL_LIMITS.anonymousBytes) */
  graphql: GRAPHQL_LIMITS.anonymousBytes,
  /** forms of a few fields: logins and the other auth routes, consent records */
  small: 4 * 1024,
}

/**
 * Routes whose bodies are a few short fields whoever sends them: a login is an e-mail and a
 * password (320 + a few hundred characters), a consent record a few categories (the plugin's own
 * limit is 4 KB). A 2 MB `[[[…]]]` login cost 270 ms and +81 MB RSS to parse before any check.
 */
const SMALL_BODY_ROUTES =
  /^\/(?:[\w-]+\/(?:login|logout|refresh-token|forgot-password|reset-password|unlock|first-register)|consent-records)\/?$/

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(0)} MB`
    : `${(bytes / 1024).toFixed(0)} KB`
const OVERRIDE_HEADERS = ['x-payload-http-method-override', 'x-http-method-override']

/**
 * Refuses oversized request bodies before anything reads them: `413` when `Content-Length` is over
 * the limit (by route: small forms, GraphQL without a credential, query overrides, uploads, the rest), `411` for a body without a length (chunked), which could not be measured up front.
 */
export const bodySizeLimit = (
  overrides: Partial<typeof BODY_LIMITS> = {},
  apiRoute = '/api',
  /** the response cache's credential check, for the app's config (its cookie prefix) */
  hasCredential: CredentialCheck = credentialCheck(),
): RequestHandler => {
  const limits = { ...BODY_LIMITS, ...overrides }
  return (req, res, next) => {
    const declared = req.headers['content-length']
    if (declared === undefined) {
      if (req.headers['transfer-encoding']) {
        res
          .status(411)
          .set('Connection', 'close')
          .json({ errors: [{ message: 'Send the request body with a Content-Length header.' }] })
        return
      }
      next()
      return
    }
    const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/')
    const query = OVERRIDE_HEADERS.some((h) => String(req.headers[h]).toUpperCase() === 'GET')
    const path = req.path.startsWith(`${apiRoute}/`) ? req.path.slice(apiRoute.length) : undefined
    const small = path !== undefined && SMALL_BODY_ROUTES.test(path)
    const graphql = path === '/graphql' && !hasCredential(req.headers)
    const limit = query
      ? limits.query
      : small
        ? limits.small
        : graphql
          ? limits.graphql
          : multipart
            ? limits.upload
            : limits.other
    const bytes = Number(declared)
    if (bytes > limit) {
      const what = query
        ? 'query (method override)'
        : small
          ? 'request body of this route'
          : graphql
            ? 'GraphQL request without a credential'
            : multipart
              ? 'upload'
              : 'request body'
      res
        .status(413)
        .set('Connection', 'close')
        .json({
          errors: [
            { message: `The ${what} is too large (${bytes} bytes; at most ${size(limit)}).` },
          ],
        })
      return
    }
    next()
  }
}
