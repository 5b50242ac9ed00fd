import type { IncomingMessage, ServerResponse } from 'node:http'

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

/**
 * Why a request target is not ours to answer, or undefined: an absolute-form target must name one
 * of the site's origins (`trustedOrigins`); another authority gets 421 Misdirected Request
 * (RFC 9110 §15.5.20), an unreadable one 400. The origin form and `*` are always ours.
 */
export function misdirected(
  target: string,
  origins: readonly string[],
): { status: 400 | 421; message: string } | undefined {
  if (target.startsWith('/') || target === '*') return undefined
  let origin: string
  try {
    origin = new URL(target).origin
  } catch {
    return { status: 400, message: 'The request target is not a valid URL.' }
  }
  if (origins.includes(origin)) return undefined
  return { status: 421, message: `This server answers only for ${origins[0]}.` }
}

/**
 * The first step in src/server/serve.ts, before anything reads the URL (the cache key too): a target for
 * another host is answered here (true), ours is rewritten to origin form.
 */
export function originForm(
  req: IncomingMessage,
  res: ServerResponse,
  origins: readonly string[],
): boolean {
  if (req.url === undefined) return false
  const wrong = misdirected(req.url, origins)
  if (wrong) {
    res.writeHead(wrong.status, {
      'content-type': 'text/plain; charset=utf-8',
      connection: 'close',
    })
    res.end(`${wrong.message}\n`)
    return true
  }
  req.url = toOriginForm(req.url)
  return false
}
