import type { RequestHandler } from 'express'

/** Cookies a request may bring to Next's pages before the ones the app does not use are dropped. */
export const MAX_PAGE_COOKIES = 50

/** Semicolons in a `Cookie` header, counted up to `max` (no split of a long header). */
function moreThan(header: string, max: number): boolean {
  let count = 0
  for (let at = header.indexOf(';'); at !== -1; at = header.indexOf(';', at + 1))
    if (++count >= max) return true
  return false
}

/**
 * Next's page renderer copies a request's cookies into its response cookies one at a time, and
 * each copy re-reads all of them: a page's CPU grows with the square of their number (1,500
 * cookies in a 16 KB header: ~1 s for one page). Past MAX_PAGE_COOKIES a request reaches Next
 * with only the cookies `keep` names (Payload's, the consent decision's): the admin and the pages
 * read nothing else. Each kept pair is passed on as it came.
 */
export function fewerPageCookies(keep: (name: string) => boolean): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.cookie
    if (header && moreThan(header, MAX_PAGE_COOKIES)) {
      const kept = header
        .split(';')
        .filter((pair) => keep(pair.slice(0, pair.indexOf('=') >>> 0).trim()))
        .slice(0, MAX_PAGE_COOKIES)
      if (kept.length) req.headers.cookie = kept.join(';')
      else delete req.headers.cookie
    }
    next()
  }
}
