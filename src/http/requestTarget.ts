import type { IncomingMessage } from 'node:http'

/**
 * The request target in origin form (`/path?query`). HTTP/1.1 allows the absolute form
 * (`GET http://evil.example/api/… HTTP/1.1`, meant for proxies) and Node passes it on as `req.url`:
 * anything that resolves URLs against it (the API bridge, Next, the cache key) would take the
 * client's host for ours. Only the path and query are kept; the host is always PUBLIC_URL's.
 */
export function toOriginForm(target: string): string {
  if (target.startsWith('/')) return target
  if (target === '*') return target // `OPTIONS *`: no resource, answered as such downstream
  try {
    const url = new URL(target)
    return `${url.pathname}${url.search}`
  } catch {
    return '/'
  }
}

/** Rewrites `req.url` to origin form before anything reads it (the first step in src/server.ts). */
export function originForm(req: IncomingMessage): void {
  if (req.url !== undefined) req.url = toOriginForm(req.url)
}
