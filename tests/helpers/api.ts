import type { SanitizedConfig } from 'payload'

import { payloadApi } from '../../src/server/payloadApi'

export type ApiResponse = { status: number; body: any; headers: Headers }

/** A user's JWT (`Authorization: JWT …`) or API key (`users API-Key …`, which wins). */
type Credential = { token?: string; apiKey?: string }
/** JSON (`body`), a body sent as it is (`rawBody`), or a multipart form (`form`, uploads). */
type Body = { body?: unknown; rawBody?: string; form?: FormData }
type Options = Credential & Body & { headers?: Record<string, string> }

const parseBody = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return text // not JSON
  }
}

/**
 * REST and GraphQL with web Requests through `payloadApi` (src/server/payloadApi.ts), the handler
 * the server mounts on /api: production's code path minus the socket and Express.
 */
export function api(config: Promise<SanitizedConfig> | SanitizedConfig) {
  const handler = payloadApi(config)
  const send = async (
    method: string,
    pathAndQuery: string,
    opts: Options = {},
  ): Promise<ApiResponse> => {
    const body =
      opts.form ?? opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
    const headers = new Headers(opts.headers)
    if (opts.form === undefined && body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json')
    if (opts.apiKey) headers.set('authorization', `users API-Key ${opts.apiKey}`)
    else if (opts.token) headers.set('authorization', `JWT ${opts.token}`)
    const url = `http://localhost/api${pathAndQuery}`
    const response = await handler(new Request(url, { method, headers, body }))
    return {
      status: response.status,
      body: parseBody(await response.text()),
      headers: response.headers,
    }
  }
  return {
    get: (p: string, o?: Options) => send('GET', p, o),
    post: (p: string, o?: Options) => send('POST', p, o),
    patch: (p: string, o?: Options) => send('PATCH', p, o),
    delete: (p: string, o?: Options) => send('DELETE', p, o),
    graphql: (
      query: string,
      variables: Record<string, unknown> = {},
      opts: Options & { locale?: string } = {},
    ) =>
      send('POST', `/graphql${opts.locale ? `?locale=${opts.locale}` : ''}`, {
        ...opts,
        rawBody: opts.rawBody ?? JSON.stringify({ query, variables }),
      }),
  }
}
