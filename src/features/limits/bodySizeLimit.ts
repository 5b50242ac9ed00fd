import type { RequestHandler } from 'express'

/**
 * Largest request body: image uploads (multipart), a query sent as a body (`POST` with Payload's
 * `X-Payload-HTTP-Method-Override: GET`, which the admin uses for long id lists; a URL is bounded by
 * Node's 16 KB header limit) and everything else (JSON, GraphQL, forms).
 */
export const BODY_LIMITS = { upload: 25 * 1024 * 1024, query: 64 * 1024, other: 2 * 1024 * 1024 }

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(0)} MB`
    : `${(bytes / 1024).toFixed(0)} KB`
const OVERRIDE_HEADERS = ['x-payload-http-method-override', 'x-http-method-override']

/**
 * Refuses oversized request bodies before anything reads them: `413` when `Content-Length` is over
 * the limit, `411` for a body without a length (chunked), which could not be measured up front.
 */
export const bodySizeLimit =
  (limits = BODY_LIMITS): RequestHandler =>
  (req, res, next) => {
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
    const limit = query ? limits.query : multipart ? limits.upload : limits.other
    const bytes = Number(declared)
    if (bytes > limit) {
      const what = query ? 'query (method override)' : multipart ? 'upload' : 'request body'
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
