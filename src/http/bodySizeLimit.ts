import type { RequestHandler } from 'express'

/** Largest request body: image uploads (multipart) and everything else (JSON, GraphQL, forms). */
export const BODY_LIMITS = { upload: 25 * 1024 * 1024, other: 2 * 1024 * 1024 }

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

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
    const limit = multipart ? limits.upload : limits.other
    const size = Number(declared)
    if (size > limit) {
      const what = multipart ? 'upload' : 'request body'
      res
        .status(413)
        .set('Connection', 'close')
        .json({
          errors: [{ message: `The ${what} is too large (${size} bytes; at most ${mb(limit)}).` }],
        })
      return
    }
    next()
  }
