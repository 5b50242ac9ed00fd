import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

// REST and GraphQL through Payload's own Next route handlers, with web Requests: the same code
// path a real HTTP request takes behind Next, minus the socket.

type Options = {
  token?: string
  apiKey?: string
  body?: unknown
  rawBody?: string
  /** multipart/form-data (uploads); the content type is set by the Request */
  form?: FormData
  headers?: Record<string, string>
}
export type ApiResponse = { status: number; body: any; headers: Headers }

const handlers = { GET: REST_GET, POST: REST_POST, PATCH: REST_PATCH, DELETE: REST_DELETE }

function headersFor(opts: Options): Record<string, string> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.body !== undefined || opts.rawBody !== undefined)
    headers['content-type'] ??= 'application/json'
  if (opts.token) headers.authorization = `JWT ${opts.token}`
  if (opts.apiKey) headers.authorization = `users API-Key ${opts.apiKey}`
  return headers
}

async function parse(res: Response): Promise<ApiResponse> {
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers }
}

type GraphQLHandler = (request: Request) => Promise<Response>

/**
 * `graphql` replaces Payload's GraphQL route handler, for an app whose route wraps it (e.g. the
 * newsroom app's `withClientErrors`).
 */
export function api(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  { graphql: graphqlHandler }: { graphql?: GraphQLHandler } = {},
) {
  const postGraphQL = graphqlHandler ?? GRAPHQL_POST(config as Promise<SanitizedConfig>)
  const rest = async (method: keyof typeof handlers, pathAndQuery: string, opts: Options = {}) => {
    const url = new URL(`http://localhost/api${pathAndQuery}`)
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    const request = new Request(url, {
      method,
      headers: headersFor(opts),
      body:
        opts.form ??
        opts.rawBody ??
        (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    })
    const handler = handlers[method](config as Promise<SanitizedConfig>)
    return parse(await handler(request, { params: Promise.resolve({ slug }) }))
  }

  return {
    get: (p: string, o?: Options) => rest('GET', p, o),
    post: (p: string, o?: Options) => rest('POST', p, o),
    patch: (p: string, o?: Options) => rest('PATCH', p, o),
    delete: (p: string, o?: Options) => rest('DELETE', p, o),
    graphql: async (
      query: string,
      variables: Record<string, unknown> = {},
      opts: Options & { locale?: string } = {},
    ) => {
      const qs = opts.locale ? `?locale=${opts.locale}` : ''
      const request = new Request(`http://localhost/api/graphql${qs}`, {
        method: 'POST',
        headers: headersFor({ ...opts, body: true }),
        body: opts.rawBody ?? JSON.stringify({ query, variables }),
      })
      return parse(await postGraphQL(request))
    },
  }
}
