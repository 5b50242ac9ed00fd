import { Lexer, Source, TokenKind } from 'graphql'

import type { CredentialCheck } from '../cache/credentials'

/**
 * Limits of a GraphQL request before Payload's handler reads it. Payload parses and validates the
 * document with graphql-js without `maxTokens` (its handler does not let us pass one): a 2 MB
 * document of `title @skip(if: false)` cost 1.9 s of CPU, 1 MB of a repeated argument 730 ms and
 * +95 MB RSS, 30,000 unused variables 410 ms. Rich text and other large values go in `variables`,
 * which are JSON and not tokens.
 */
export const GRAPHQL_LIMITS = {
  /** body of a request without a credential (a page of articles is a few hundred bytes) */
  anonymousBytes: 64 * 1024,
  /**
   * lexical tokens of the document (`{ Articles { docs { title } } }` is 9; a document selecting the
   * 5,000 fields `QUERY_LIMITS.graphqlSelections` allows is over 10,000)
   */
  tokens: 15_000,
}

/** The document's lexical tokens, counted up to `max + 1` (a syntax error ends the count). */
export function graphqlTokens(query: string, max: number): number {
  const lexer = new Lexer(new Source(query))
  let tokens = 0
  try {
    while (tokens <= max && lexer.advance().kind !== TokenKind.EOF) tokens++
  } catch {
    // graphql-js reports the syntax error itself when it parses
  }
  return tokens
}

const answer = (status: number, message: string, extensions: Record<string, unknown>) =>
  Response.json(
    { errors: [{ message, extensions: { statusCode: status, ...extensions } }] },
    { status },
  )

/**
 * Checks a GraphQL POST before Payload's handler: over GRAPHQL_LIMITS.anonymousBytes without a
 * credential → 413; a document of over GRAPHQL_LIMITS.tokens tokens → 400. Returns the answer, or
 * the request to hand on (rebuilt from the bytes read). The server refuses a larger declared
 * `Content-Length` before reading (src/features/limits/bodySizeLimit.ts).
 */
export async function graphqlBodyLimit(
  request: Request,
  /** the response cache's answer to "might Payload accept a credential here?" */
  hasCredential: CredentialCheck,
): Promise<Response | Request> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  if (!type.startsWith('application/json') || !request.body) return request
  const bytes = new Uint8Array(await request.arrayBuffer())
  const max = GRAPHQL_LIMITS.anonymousBytes
  const credential = hasCredential({
    authorization: request.headers.get('authorization') ?? undefined,
    cookie: request.headers.get('cookie') ?? undefined,
  })
  if (bytes.byteLength > max && !credential)
    return answer(
      413,
      `The GraphQL request is too large (${bytes.byteLength} bytes; at most ${max / 1024} KB without a credential). Send large values as variables of an authenticated request.`,
      { limit: 'graphqlBytes', max },
    )
  // A token is at least one character: a body no longer than the token limit cannot exceed it,
  // and ordinary queries are not parsed and lexed here before Payload does it again.
  if (bytes.byteLength <= GRAPHQL_LIMITS.tokens) return rebuilt(request, bytes)
  let query: unknown
  try {
    query = (JSON.parse(new TextDecoder().decode(bytes)) as { query?: unknown } | null)?.query
  } catch {
    query = undefined // Payload answers the malformed body itself
  }
  if (typeof query === 'string') {
    const tokens = graphqlTokens(query, GRAPHQL_LIMITS.tokens)
    if (tokens > GRAPHQL_LIMITS.tokens)
      return answer(
        400,
        `The GraphQL document has more than ${GRAPHQL_LIMITS.tokens} tokens. Select fewer fields, or send values as variables.`,
        { limit: 'graphqlTokens', max: GRAPHQL_LIMITS.tokens },
      )
  }
  return rebuilt(request, bytes)
}

/** The request again, with the body already read. */
const rebuilt = (request: Request, bytes: Uint8Array<ArrayBuffer>) =>
  new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: bytes,
    signal: request.signal,
  })
