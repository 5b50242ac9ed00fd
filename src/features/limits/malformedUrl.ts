import type { RequestHandler } from 'express'

/**
 * A path whose percent escapes decode to no text (`%c0%af`, a lone `%e2`) is a 400 here: Next
 * decodes the path to route it and answers the URIError with a 500.
 */
export const malformedUrl: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path)
  } catch {
    res.status(400).json({
      errors: [{ message: 'The URL path is not valid: a percent escape decodes to no text.' }],
    })
    return
  }
  next()
}
