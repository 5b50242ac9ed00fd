/**
 * The one mount of Payload's API: `/api/**` answered by Payload's own handlers straight from the
 * Express server, as Payload's generated Next route files would mount them (REST_* over
 * `handleEndpoints`, GraphQL through GRAPHQL_POST with the app's client-error wrapper), plus a
 * Node ⇄ fetch bridge. The jest suite calls the same handler (tests/helpers/api.ts). Bodies are streamed to Payload unparsed (it parses JSON and multipart
 * itself); each `Set-Cookie` goes out as its own header.
 *
 * The bridged request names the public origin (`publicUrl()`) as its URL and `Host`: nothing
 * Payload builds from its request (links in emails, `req.origin`) can come from a client's headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import * as routes from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

import { withClientErrors } from '../features/limits/guards'
import { type CredentialCheck, credentialCheck } from '../features/cache/credentials'
import { graphqlBodyLimit } from '../features/limits/graphqlBody'
import { publicUrl } from './publicUrl'
import { toOriginForm } from '../features/limits/requestTarget'

export type FetchHandler = (request: Request) => Promise<Response>
type Config = Promise<SanitizedConfig> | SanitizedConfig

/** The methods Payload's REST route answers (`REST_<METHOD>` handlers). */
const METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const
type Method = (typeof METHODS)[number]

const clientError = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status })

/** Whether Payload's API answers this path (the GraphQL playground stays a Next page). */
export function isApiPath(pathname: string, apiRoute = '/api'): boolean {
  if (pathname !== apiRoute && !pathname.startsWith(`${apiRoute}/`)) return false
  return !pathname.startsWith(`${apiRoute}/graphql-playground`)
}

/**
 * Payload's REST and GraphQL handlers as one `(Request) => Response`, for the config Payload's
 * own routes use (`getPayload` with the default key finds the same instance).
 */
export function payloadApi(configPromise: Config): FetchHandler {
  const rest = Object.fromEntries(
    METHODS.map((method) => [method, routes[`REST_${method}`](configPromise)]),
  ) as Record<Method, ReturnType<typeof routes.REST_GET>>
  const graphql = withClientErrors(
    configPromise,
    routes.GRAPHQL_POST(configPromise as Promise<SanitizedConfig>),
  )
  let hasCredential: CredentialCheck | undefined
  return async (request) => {
    const config = await configPromise
    hasCredential ??= credentialCheck(config)
    const api = config.routes.api
    const { pathname } = new URL(request.url)
    if (pathname === `${api}${config.routes.graphQL}` && request.method === 'POST') {
      const checked = await graphqlBodyLimit(request, hasCredential)
      return checked instanceof Response ? checked : graphql(checked)
    }
    const handler = rest[request.method as Method]
    if (!handler) return clientError(405, `${request.method} is not supported here.`)
    // Segments as Next hands them to the route (decoded; REST_* encodes them again).
    let slug: string[]
    try {
      slug = pathname
        .slice(api.length)
        .split('/')
        .filter(Boolean)
        .map((segment) => decodeURIComponent(segment))
    } catch {
      return clientError(400, 'The URL path is not valid percent-encoding.')
    }
    return handler(request, { params: Promise.resolve({ slug }) })
  }
}

const BODYLESS = new Set(['GET', 'HEAD'])

/** A web Request for a Node request; `body` when it was read already (the cache's GraphQL key). */
export function toWebRequest(
  req: IncomingMessage & { originalUrl?: string },
  body?: Buffer,
): Request {
  const origin = publicUrl()
  const headers = new Headers()
  // The parsed headers, not the raw ones: middleware in front rewrites them (clientIp's X-Forwarded-For).
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/1 connection headers are not for the handler; Host is the public one.
    if (
      value === undefined ||
      /^(host|connection|keep-alive|transfer-encoding|upgrade)$/i.test(name)
    )
      continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  headers.set('host', new URL(origin).host)
  // HEAD is answered as GET without the body (as Next does for route handlers).
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET')
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (!BODYLESS.has(method)) {
    init.body = body
      ? (body as Uint8Array<ArrayBuffer>)
      : (Readable.toWeb(req) as ReadableStream<Uint8Array>)
    init.duplex = 'half'
  }
  // Only the path and query of the target: an absolute-form or `//host` target never names the host.
  const target = toOriginForm(req.originalUrl ?? req.url ?? '/')
  return new Request(new URL(`${origin}${target.startsWith('/') ? target : '/'}`), init)
}

/** Writes a web Response to a Node response: status, headers (each cookie apart), streamed body. */
export async function sendWebResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue
    res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel()
    res.end()
    return
  }
  try {
    await pipeline(Readable.fromWeb(response.body as never), res)
  } catch (error) {
    // The client went away mid-body (a browser navigating on): nothing to answer, nothing to log.
    if (clientGone(req, res, error)) return
    throw error
  }
}

/** Whether a failed write only means that the client closed the connection. */
export function clientGone(req: IncomingMessage, res: ServerResponse, error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  const closed = res.destroyed || req.destroyed || res.socket?.destroyed === true
  return (
    closed &&
    (code === 'ERR_STREAM_PREMATURE_CLOSE' ||
      code === 'ECONNRESET' ||
      code === 'EPIPE' ||
      code === 'ERR_STREAM_DESTROYED' ||
      (error as Error | undefined)?.name === 'AbortError')
  )
}
