import type { NextFunction, Request, Response } from 'express'
import { parseCookies } from 'payload/shared'

import { isDeployment } from '../../server/deployment'
import { type Env, publicUrl } from '../../server/publicUrl'

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

/**
 * The origins the site's own pages and admin are served from: `PUBLIC_URL` (default
 * `http://localhost:PORT`). Without `PUBLIC_URL`, or on a local machine that is not a deployment
 * (src/server/environment.ts) with a loopback `PUBLIC_URL`, every loopback name with the same port counts too: `localhost` and
 * `127.0.0.1` are the same server there. Payload's `csrf` list (a cookie login counts only for
 * requests from these origins; Payload adds `serverURL`) and the consent form's check use it.
 */
export function trustedOrigins(env: Env = process.env): string[] {
  const origin = new URL(publicUrl(env))
  const local = !env.PUBLIC_URL?.trim() || !isDeployment(env)
  if (!LOOPBACK.includes(origin.hostname) || !local) return [origin.origin]
  const port = origin.port ? `:${origin.port}` : ''
  return [
    origin.origin,
    ...LOOPBACK.filter((host) => host !== origin.hostname).map(
      (host) => `${origin.protocol}//${host}${port}`,
    ),
  ]
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A logged-in write from this server's own pages opened under another address than the site's (the
 * admin at `localhost` while `PUBLIC_URL` names `127.0.0.1`: the browser says `Sec-Fetch-Site:
 * same-origin`, yet `Origin` is not in the list): Payload ignores the login cookie for it, and the
 * editor would see "You are not allowed to perform this action." or a server function's 500. Such
 * requests to the API and to the admin's server functions (Next's `Next-Action` posts) are answered
 * 403 with what is wrong and where the site is. Everything else goes on unchanged, cross-origin
 * front ends included.
 */
export function wrongOrigin(options: {
  origins: readonly string[]
  cookieName: string
  apiRoute: string
  env?: Env
}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin
    if (SAFE_METHODS.has(req.method) || !origin || options.origins.includes(origin)) return next()
    if (req.headers['sec-fetch-site'] !== 'same-origin') return next()
    const api = req.path === options.apiRoute || req.path.startsWith(`${options.apiRoute}/`)
    if (!api && req.headers['next-action'] === undefined) return next()
    if (!parseCookies(new Headers({ cookie: req.headers.cookie ?? '' })).get(options.cookieName))
      return next()
    const site = publicUrl(options.env)
    const message = `This page was opened at ${origin.slice(0, 100)}, but the site's address is ${site} (PUBLIC_URL); a login counts only there. Open ${site}/admin.`
    res.status(403)
    if (api) res.json({ errors: [{ message }] })
    else res.type('text/plain').send(message)
  }
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
