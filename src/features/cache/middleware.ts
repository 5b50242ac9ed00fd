/**
 * `responseCache()`: the server side of the response cache. `front(app)`, the Node request handler,
 * answers hits with the stored bytes and headers before Express runs (already compressed, so a hit
 * does no per-request work for Express, helmet or compression); `api(handler)` answers `/api/**` through Payload's own handlers at the fetch level
 * and stores complete Responses; `fill(handle)`, mounted last, hands the rest to Next and stores
 * the pages it answers.
 *
 * Stored: only answers Payload marked public (src/features/cache/publicMark.ts) — 200, JSON or public HTML,
 * tags, no cookie. Looked up: REST `GET /api/…`, GraphQL POST queries without drafts or versions
 * (src/features/cache/graphqlRead.ts), GET pages; never for a request with a credential
 * (src/features/cache/credentials.ts), `draft=true`, /admin or other methods.
 * Key: the request target as sent; GraphQL adds a hash of query, variables and operation name;
 * pages add the consent decision's revision; a request with an `Origin` adds it (CORS headers may
 * depend on it). A stored response keeps the headers it was answered with, for `s-maxage` at most.
 */
import crypto from 'node:crypto'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import zlib from 'node:zlib'

import type { NextFunction, Request, Response } from 'express'
import accepts from 'accepts'
import type { SanitizedConfig } from 'payload'

import {
  type FetchHandler,
  isApiPath,
  sendWebResponse,
  toWebRequest,
} from '../../server/payloadApi'
import { consentDecision } from '../site/consentCookie'
import type { PurgeBus } from './bus'
import { type CredentialCheck, credentialCheck } from './credentials'
import { type GraphQLRequest, isPublicQuery, MAX_CACHED_QUERY_CHARS } from './graphqlRead'
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from './plugin'
import { PUBLIC_MARK_HEADER } from './publicMark'
import { type Entry, ResponseStore } from './store'

// A GraphQL POST body is read here (before Express and its body limit) only when it is small
// enough to be a cache candidate: query, variables and JSON around them. Larger ones go on unread.
const MAX_GRAPHQL_BODY = MAX_CACHED_QUERY_CHARS + 16 * 1024
// As compression()'s default threshold: smaller bodies are not worth a gzip member.
const GZIP_THRESHOLD = 1024
// Set for each response, not stored: the connection's, the body's and the cache's own.
const PER_RESPONSE = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'date',
  'etag',
  'keep-alive',
  'transfer-encoding',
  'vary',
  'x-cache',
])
// A top-level `"errors":` key; inside a JSON string the quote would be escaped.
const GRAPHQL_ERRORS = /(^|[^\\])"errors":/

export type ResponseCacheOptions = {
  /** `CACHE=off` turns storing and serving off; the HTTP headers stay. */
  enabled?: boolean
  /** `CACHE_MAX_MB`, default 64. */
  maxBytes?: number
  /** This process's purge bus (`purgeBus(payload)`). */
  bus: PurgeBus
  /** This process's public mark (`publicMarkValue(payload)`): answers carrying it may be stored. */
  publicMark: string
  /** Payload's config: its cookie prefix and auth strategies decide what counts as a credential. */
  config?: Pick<SanitizedConfig, 'cookiePrefix' | 'collections'>
}

export function cacheOptionsFromEnv(
  env = process.env,
): Pick<ResponseCacheOptions, 'enabled' | 'maxBytes'> {
  const mb = Number(env.CACHE_MAX_MB || 64)
  if (!Number.isFinite(mb) || mb < 0)
    throw new Error(`CACHE_MAX_MB must be a number of megabytes, not "${env.CACHE_MAX_MB}"`)
  return {
    enabled: !/^(off|false|0|no)$/i.test(env.CACHE ?? ''),
    maxBytes: Math.round(mb * 1024 * 1024),
  }
}

/** The answer may be kept this many seconds: its `s-maxage` (a missed purge heals by then). */
export function sharedMaxAge(cacheControl: string): number | undefined {
  const match = /(?:^|[\s,])s-maxage\s*=\s*"?(\d+)"?/i.exec(cacheControl)
  const seconds = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined
}

export const weakEtag = (body: Buffer) =>
  `W/"${body.length.toString(16)}-${crypto.createHash('sha1').update(body).digest('base64url')}"`

const matchesEtag = (ifNoneMatch: string | undefined, etag: string) => {
  if (!ifNoneMatch) return false
  const opaque = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => {
    const c = candidate.trim()
    return c === '*' || c.replace(/^W\//, '') === opaque
  })
}

const graphqlHash = ({ query, variables, operationName }: GraphQLRequest) =>
  crypto
    .createHash('sha256')
    .update(`${query}\0${JSON.stringify(variables ?? null)}\0${operationName ?? ''}`)
    .digest('base64url')

const keyPart = (part: string) => crypto.createHash('sha256').update(part).digest('base64url')

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks, size)))
    req.on('error', reject)
  })
}

type Lookup = { key: string; graphql: boolean; body?: Buffer }
type Decision = Lookup | 'bypass' | undefined

type NodeRequest = IncomingMessage & { originalUrl?: string }

/**
 * What to do with a request: undefined = not ours (passed on untouched). Decided without waiting,
 * except for a GraphQL POST, whose body is read first.
 */
function classify(
  req: NodeRequest,
  res: ServerResponse,
  hasCredential: CredentialCheck,
): Decision | Promise<Decision> {
  // The request target as sent: Payload parses exactly this (repeated parameters in their order).
  const target = req.originalUrl ?? req.url ?? '/'
  const url = new URL(target, 'http://x')
  const path = url.pathname
  if (path.startsWith('/admin') || path.startsWith('/_next/')) return undefined
  const api = isApiPath(path)
  const graphql = path === '/api/graphql' && req.method === 'POST'
  if (req.method !== 'GET' && !graphql) return undefined
  if (hasCredential(req.headers)) {
    if (api) res.setHeader('Cache-Control', PRIVATE_CACHE_CONTROL)
    return 'bypass'
  }
  if (url.searchParams.get('draft') === 'true') {
    if (api) res.setHeader('Cache-Control', PRIVATE_CACHE_CONTROL)
    return 'bypass'
  }
  const keyed = (target: string, body?: Buffer): Lookup => {
    // Each part hashed on its own and joined by a character base64url never contains: no header
    // value can reproduce the key of another target (or of another consent or Origin).
    const parts = [target]
    if (!api) parts.push(`consent=${consentDecision(req.headers.cookie)?.revision ?? 'none'}`)
    if (req.headers.origin) parts.push(`origin=${req.headers.origin}`)
    return { key: parts.map(keyPart).join('|'), graphql, body }
  }
  const graphqlLookup = (operation: unknown, body?: Buffer): Lookup => {
    if (!operation || typeof operation !== 'object' || !isPublicQuery(operation as GraphQLRequest))
      return { key: '', graphql, body }
    try {
      return keyed(`${target}#${graphqlHash(operation as GraphQLRequest)}`, body)
    } catch {
      return { key: '', graphql, body } // variables too deep to hash: Payload refuses them
    }
  }
  if (!graphql) return keyed(target)
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return 'bypass'
  // Only a body of a declared, modest length is read here; bodySizeLimit() answers the rest.
  const length = Number(req.headers['content-length'])
  if (!(length <= MAX_GRAPHQL_BODY)) return 'bypass'
  return readBody(req).then((body) => {
    let operation: unknown
    try {
      operation = JSON.parse(body.toString('utf8'))
    } catch {
      return { key: '', graphql, body } // Payload answers the bad JSON
    }
    return graphqlLookup(operation, body)
  })
}

type Chunk = string | Buffer | Uint8Array
const toBuffer = (chunk: Chunk, encoding?: BufferEncoding) =>
  Buffer.isBuffer(chunk)
    ? chunk
    : typeof chunk === 'string'
      ? Buffer.from(chunk, encoding)
      : Buffer.from(chunk)

/** Whether the answer carries the public mark; removes it either way (it never leaves the server). */
function takeMark(res: ServerResponse, mark: string): boolean {
  const value = res.getHeader(PUBLIC_MARK_HEADER)
  res.removeHeader(PUBLIC_MARK_HEADER)
  return value === mark
}

/** For answers passed through unheld: the mark is taken off before the head goes out. */
function stripMark(res: ServerResponse): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    res.removeHeader(PUBLIC_MARK_HEADER)
    const headers = args.find((a) => a && typeof a === 'object') as
      OutgoingHttpHeaders | string[] | undefined
    if (Array.isArray(headers)) {
      for (let i = headers.length - 2; i >= 0; i -= 2)
        if (headers[i]!.toLowerCase() === PUBLIC_MARK_HEADER) headers.splice(i, 2)
    } else if (headers) {
      for (const name of Object.keys(headers))
        if (name.toLowerCase() === PUBLIC_MARK_HEADER) delete headers[name]
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args)
  } as ServerResponse['writeHead']
}

/**
 * Holds Next's page back until it is complete when it may be cached (status 200, a
 * `Surrogate-Key`, public HTML): the ETag needs the whole body. Anything else streams through as
 * Next writes it.
 */
function capture(
  res: ServerResponse,
  mark: string,
  onComplete: (status: number, body: Buffer) => void,
): void {
  const original = {
    writeHead: res.writeHead,
    write: res.write,
    end: res.end,
    flushHeaders: res.flushHeaders,
  }
  const chunks: Buffer[] = []
  let decided: 'hold' | 'stream' | undefined

  const restore = () => Object.assign(res, original)
  const decide = () => {
    if (decided) return decided
    const marked = takeMark(res, mark)
    const type = String(res.getHeader('content-type') ?? '')
    // What Payload did not mark public is private for every cache on the way, too.
    if (!marked && /\bpublic\b/.test(String(res.getHeader('cache-control') ?? '')))
      res.setHeader('Cache-Control', PRIVATE_CACHE_CONTROL)
    const cacheControl = String(res.getHeader('cache-control') ?? '')
    const cacheable =
      marked &&
      res.statusCode === 200 &&
      !res.getHeader('content-encoding') &&
      !res.getHeader('set-cookie') &&
      !!res.getHeader('surrogate-key') &&
      PAGE_TYPES.test(type) &&
      /\bpublic\b/.test(cacheControl)
    decided = cacheable ? 'hold' : 'stream'
    if (!cacheable) restore()
    return decided
  }

  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    res.statusCode = status
    const headers = rest.find((r) => r && typeof r === 'object') as
      OutgoingHttpHeaders | string[] | undefined
    if (typeof rest[0] === 'string') res.statusMessage = rest[0]
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i]!, headers[i + 1]!)
    } else if (headers) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) res.setHeader(name, value)
    }
    if (decide() === 'stream') original.writeHead.call(res, res.statusCode)
    return res
  } as ServerResponse['writeHead']
  res.flushHeaders = () => {
    if (decide() === 'stream') original.flushHeaders.call(res)
  }
  res.write = function (chunk: Chunk, encoding?: unknown, cb?: unknown) {
    if (decide() === 'stream')
      return (original.write as (...a: unknown[]) => boolean).call(res, chunk, encoding, cb)
    chunks.push(
      toBuffer(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined),
    )
    const callback = typeof encoding === 'function' ? encoding : cb
    if (typeof callback === 'function') process.nextTick(callback as () => void)
    return true
  } as ServerResponse['write']
  res.end = function (chunk?: unknown, encoding?: unknown, cb?: unknown) {
    if (decide() === 'stream')
      return (original.end as (...a: unknown[]) => ServerResponse).call(res, chunk, encoding, cb)
    if (chunk && typeof chunk !== 'function')
      chunks.push(
        toBuffer(
          chunk as Chunk,
          typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined,
        ),
      )
    restore()
    onComplete(res.statusCode, Buffer.concat(chunks))
    const callback = [chunk, encoding, cb].find((a) => typeof a === 'function')
    if (callback) res.once('finish', callback as () => void)
    return res
  } as ServerResponse['end']
}

/** Sends a response just computed (a miss: compression() still runs), or a 304. */
/** A complete answer as Next gave it, with its ETag and Cache-Control. */
/** What pages may store: HTML, and the sitemaps and feeds of src/features/syndication/. */
const PAGE_TYPES = /^(?:text\/html|application\/(?:xml|rss\+xml|atom\+xml|feed\+json))\b/

type Answer = { body: Buffer; etag: string; cacheControl: string }

function send(req: Request, res: ServerResponse, entry: Answer, xCache: string) {
  res.setHeader('ETag', entry.etag)
  res.setHeader('Cache-Control', entry.cacheControl)
  res.setHeader('X-Cache', xCache)
  if (matchesEtag(req.headers['if-none-match'], entry.etag)) {
    res.statusCode = 304
    for (const header of ['content-type', 'content-length', 'content-encoding'])
      res.removeHeader(header)
    res.end()
    return
  }
  res.statusCode = 200
  res.setHeader('Content-Length', entry.body.length)
  res.end(entry.body)
}

/**
 * Sends an entry just made (a miss). Its headers are set one by one, so compression() in front
 * sees the gzip copy's Content-Encoding and does not compress again.
 */
function sendEntry(req: Request, res: ServerResponse, entry: Entry, xCache: string) {
  const notModified = matchesEtag(req.headers['if-none-match'], entry.etag)
  const gzip = !notModified && wantsGzip(req, entry)
  const lines = notModified ? entry.head.notModified : gzip ? entry.head.gzip! : entry.head.identity
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  const headers = new Map<string, string[]>()
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const name = lines[i]!
    const value = name === 'X-Cache' ? xCache : lines[i + 1]!
    headers.set(name, [...(headers.get(name) ?? []), value])
  }
  for (const [name, values] of headers) res.setHeader(name, values.length > 1 ? values : values[0]!)
  res.statusCode = notModified ? 304 : 200
  res.end(notModified ? undefined : gzip ? entry.gzip : entry.body)
}

// The negotiation Express's req.acceptsEncodings() does, also for a request Express has not seen.
const acceptsGzip = (req: IncomingMessage) =>
  !!req.headers['accept-encoding'] && accepts(req).encoding('gzip', 'identity') === 'gzip'
const wantsGzip = (req: IncomingMessage, entry: Entry) => !!entry.gzip && acceptsGzip(req)

/** Sends a stored response with its stored headers: 304, gzip when accepted, or the plain bytes. */
function sendHit(req: IncomingMessage, res: ServerResponse, entry: Entry) {
  if (matchesEtag(req.headers['if-none-match'], entry.etag)) {
    res.writeHead(304, entry.head.notModified)
    res.end()
    return
  }
  const gzip = wantsGzip(req, entry)
  res.writeHead(200, gzip ? entry.head.gzip : entry.head.identity)
  res.end(gzip ? entry.gzip : entry.body)
}

/** The headers set on a Node response so far, as (name as set, value) pairs. */
function headerPairs(res: ServerResponse): [string, string][] {
  const pairs: [string, string][] = []
  // Names as they were set (Node has this on every outgoing message; its types only on ClientRequest).
  const names = (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames()
  for (const name of names) {
    const value = res.getHeader(name)
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)])
  }
  return pairs
}

/**
 * The entry for a complete answer: its bytes, gzipped once, and the header lines of each variant;
 * `compress: false` for an answer sent once, unstored, to a client that does not accept gzip.
 */
function entryOf(
  pairs: [string, string][],
  { body, etag, cacheControl }: Answer,
  compress = true,
): Entry {
  const gzip = compress && body.length >= GZIP_THRESHOLD ? zlib.gzipSync(body) : undefined
  const headers: [string, string][] = []
  const vary: string[] = []
  let tags = ''
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase()
    if (lower === 'vary') vary.push(value)
    if (lower === 'surrogate-key') tags = value
    if (PER_RESPONSE.has(lower) || lower === 'cache-control') continue
    headers.push([name, value])
  }
  if (gzip) vary.push('Accept-Encoding')
  headers.push(['Cache-Control', cacheControl], ['ETag', etag], ['X-Cache', 'HIT'])
  if (vary.length) headers.push(['Vary', vary.join(', ')])
  const lines = (pairs: [string, string][]) => pairs.flat()
  return {
    body,
    gzip,
    etag,
    tags: tags.split(/\s+/).filter(Boolean),
    head: {
      identity: lines([...headers, ['Content-Length', String(body.length)]]),
      gzip:
        gzip &&
        lines([...headers, ['Content-Encoding', 'gzip'], ['Content-Length', String(gzip.length)]]),
      notModified: lines(headers.filter(([name]) => name.toLowerCase() !== 'content-type')),
    },
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown
type Middleware = (req: Request, res: Response, next: NextFunction) => Promise<void>

const DECISION = Symbol('responseCache.decision')
type Decided = IncomingMessage & { [DECISION]?: Decision }

/**
 * The response cache: `front(app)` as the server's handler, `api`
 * for `/api/**` and `fill(handle)` last, around the handler that answers the rest (Next's); in
 * between run helmet, compression and the body limit for misses. A GraphQL POST body read for the
 * key is handed on intact.
 */
export function responseCache(options: ResponseCacheOptions): {
  front: (rest: Handler) => (req: IncomingMessage, res: ServerResponse) => void
  fill: (handle: Handler) => Middleware
  api: (handler: FetchHandler) => Middleware
  store: ResponseStore
} {
  const { enabled = true, maxBytes = 64 * 1024 * 1024, bus, publicMark } = options
  const store = new ResponseStore(maxBytes)
  const hasCredential = credentialCheck(options.config)
  if (enabled) bus.listen((purge) => store.purge(purge))

  /** Answers from the store when the decision names a stored entry. */
  const answerStored = (req: IncomingMessage, res: ServerResponse, decision: Decision) => {
    if (!decision || decision === 'bypass' || !decision.key || !bus.available) return false
    bus.poll()
    const entry = store.get(decision.key)
    if (entry) sendHit(req, res, entry)
    return !!entry
  }

  /**
   * Answers a request from the store (true) or records what was decided for `api` and `fill`
   * (false). Without waiting, except for a GraphQL POST, whose body is read for the key.
   */
  const hit = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    if (!enabled) return false
    let decided: Decision | Promise<Decision>
    try {
      decided = classify(req, res, hasCredential)
    } catch {
      return false // not decided: `api` or `fill` decides again and answers the error
    }
    const settle = (decision: Decision) => {
      ;(req as Decided)[DECISION] = decision
      return answerStored(req, res, decision)
    }
    // A body that could not be read is not read again: the request goes on uncached.
    return decided instanceof Promise
      ? decided.then(settle, () => settle('bypass'))
      : settle(decided)
  }

  /**
   * The Node request handler in front of `rest` (the Express app): stored answers are sent before
   * Express and the middleware in front of Payload run, none of which a stored answer depends on.
   */
  const front =
    (rest: Handler) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      const answered = hit(req, res)
      if (answered === false) void rest(req, res)
      else if (answered !== true) void answered.then((sent) => sent || rest(req, res))
    }

  /** Pages (Next's answers): `/api/**` never gets here, `api` answers it. */
  const fill =
    (handle: Handler): Middleware =>
    async (req, res, next) => {
      let decision: Decision
      try {
        decision =
          DECISION in req ? (req as Decided)[DECISION] : await classify(req, res, hasCredential)
      } catch (error) {
        next(error)
        return
      }
      if (!decision || decision === 'bypass') {
        stripMark(res)
        if (decision) res.setHeader('X-Cache', 'BYPASS')
        return void handle(req, res)
      }
      const { key } = decision
      const serving = enabled && bus.available
      const startSeq = store.seq
      res.setHeader('X-Cache', serving ? 'MISS' : 'BYPASS')
      capture(res, publicMark, (status, body) => {
        const answer = {
          body,
          etag: weakEtag(body),
          cacheControl: String(res.getHeader('cache-control')),
        }
        // Not kept: what was computed while Redis was unreachable, or while one of its documents changed.
        const ttl = sharedMaxAge(answer.cacheControl)
        if (serving && bus.available && status === 200 && ttl)
          store.set(key, entryOf(headerPairs(res), answer), startSeq, ttl * 1000)
        send(req, res, answer, serving ? 'MISS' : 'BYPASS')
      })
      handle(req, res)
    }

  /**
   * `/api/**` at the fetch level: the request goes to `handler` (Payload's own handlers) as a web
   * Request, and the complete Response comes back. One Payload marked public (200, JSON, tags, no
   * cookie) is read whole, hashed once, gzipped once, stored and sent from the entry; anything
   * else streams through, private unless Payload marked it public.
   */
  const api =
    (handler: FetchHandler): Middleware =>
    async (req, res, next) => {
      if (!isApiPath(new URL(req.originalUrl, 'http://x').pathname)) return next()
      try {
        const decision =
          DECISION in req ? (req as Decided)[DECISION] : await classify(req, res, hasCredential)
        const lookup = decision && decision !== 'bypass' ? decision : undefined
        const response = await handler(toWebRequest(req, lookup?.body))
        const marked = response.headers.get(PUBLIC_MARK_HEADER) === publicMark
        const headers = new Headers(response.headers)
        headers.delete(PUBLIC_MARK_HEADER)
        if (!marked) headers.set('cache-control', PRIVATE_CACHE_CONTROL)
        const whole =
          lookup?.key &&
          marked &&
          response.status === 200 &&
          /^application\/json\b/.test(headers.get('content-type') ?? '') &&
          headers.has('surrogate-key') &&
          !headers.has('set-cookie') &&
          !headers.has('content-encoding')
        // MISS: looked up and not found (stored or not); BYPASS: not looked up.
        const serving = enabled && bus.available
        const xCache = lookup?.key && serving ? 'MISS' : 'BYPASS'
        if (!whole) {
          if (decision !== undefined) res.setHeader('X-Cache', xCache)
          await sendWebResponse(
            req,
            res,
            new Response(response.body, { status: response.status, headers }),
          )
          return
        }
        const startSeq = store.seq
        const body = Buffer.from(await response.arrayBuffer())
        const answer = { body, etag: weakEtag(body), cacheControl: PUBLIC_CACHE_CONTROL }
        const failed = lookup.graphql && GRAPHQL_ERRORS.test(body.toString('utf8'))
        const pairs: [string, string][] = [...headerPairs(res), ...headers]
        const storing = serving && !failed
        const entry = entryOf(pairs, answer, storing || acceptsGzip(req))
        if (storing)
          store.set(lookup.key, entry, startSeq, sharedMaxAge(PUBLIC_CACHE_CONTROL)! * 1000)
        sendEntry(req, res, entry, xCache)
      } catch (error) {
        next(error)
      }
    }

  return { front, fill, api, store }
}
