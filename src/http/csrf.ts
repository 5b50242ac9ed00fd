import { publicUrl } from '../start/publicUrl'

/**
 * The origins the site's own pages and admin are served from: `PUBLIC_URL`, or on a developer
 * machine (no `PUBLIC_URL`) `http://localhost:PORT` and its loopback addresses. Payload's `csrf`
 * list (a cookie login counts only for requests from these origins; Payload adds `serverURL`) and
 * the consent form's check use it.
 */
export function trustedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const origin = publicUrl(env)
  if (env.PUBLIC_URL?.trim()) return [origin]
  const port = Number(env.PORT) || 3000
  return [origin, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]
}

/**
 * Why a form post does not come from one of our own pages, or undefined when it does. Browsers say
 * where a request comes from in `Sec-Fetch-Site`; only `same-origin` is ours. Without it, `Origin`
 * must be one of `origins` exactly: `null` (what our pages send, as they set
 * `Referrer-Policy: no-referrer`, and what a sandboxed foreign form sends too) and a missing one are
 * refused.
 */
export function crossSiteReason(headers: Headers, origins: readonly string[]): string | undefined {
  const site = headers.get('sec-fetch-site')
  if (site) return site === 'same-origin' ? undefined : `Sec-Fetch-Site is "${site.slice(0, 40)}"`
  const origin = headers.get('origin')
  if (origin && origins.includes(origin)) return undefined
  return origin
    ? `Origin "${origin.slice(0, 100)}" is not this site`
    : 'no Origin or Sec-Fetch-Site'
}

const BASE = 'http://site.invalid'
const CONTROL = /[\u0000-\u001f\u007f\\]/

/**
 * A redirect target from a client: a path on this site, as a browser would resolve it, or
 * `fallback`. Control characters (browsers drop tabs and newlines: `/\t/evil.example/` becomes
 * `//evil.example/`) and backslashes are refused; what remains is resolved with the URL parser
 * browsers use and must stay on this origin.
 */
export function sameSitePath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback
  if (CONTROL.test(value)) return fallback
  const resolve = (path: string) => {
    const url = new URL(path, BASE)
    return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : undefined
  }
  try {
    // Resolved twice: a normalised path must mean the same again (`/..//evil` becomes `//evil`).
    const path = resolve(value)
    return path !== undefined && resolve(path) === path ? path : fallback
  } catch {
    return fallback
  }
}
