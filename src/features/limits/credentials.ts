import { GraphQLError, Kind, type ValidationRule } from 'graphql'
import type {
  AuthStrategy,
  AuthStrategyFunctionArgs,
  CollectionBeforeOperationHook,
  Config,
  GlobalConfig,
  Payload,
  PayloadRequest,
} from 'payload'
import { APIError, formatNames, toWords } from 'payload'

import { localeParamError } from './guards'
import { readsOnlyAuthorization } from '../cache/credentials'
import { clientOf } from './clientAddress'
import { type KeyedCounterStore, memoryCounterStore } from './keyedStore'

// A credential that is present but that no auth strategy accepts (a mistyped API key, an expired
// or forged JWT) answers 401 instead of being served as an anonymous visitor: an API client must
// not mistake "my key is wrong" for "there are no drafts".
//
// Only credentials in the `Authorization` header count (`JWT …`, `Bearer …` as Payload's jwtOrder
// reads them, `<collection> API-Key …`). A stale `payload-token` cookie stays anonymous, as Payload
// treats it: browsers send it to the reader pages and to the admin, whose login screen must keep
// working (and browsers drop it when the token expires, as Payload sets its expiry). Logging in,
// out, refreshing and resetting passwords are never refused.

const STRATEGY = 'invalid-credential'
const MARK = 'invalidCredential'

type Presented = 'API key' | 'token' | 'throttled'

// Wrong API keys per client (an IPv4 address or an IPv6 /64): past `max` in the window, every API
// key from that client is refused with 429 before it is looked up.
export const API_KEY_FAILURES = { max: 20, windowMs: 15 * 60_000 }
export const apiKeyFailures: KeyedCounterStore = memoryCounterStore({ maxBytes: 1024 * 1024 })
const apiKeyClient = (headers: Headers) => `api-key:${clientOf(headers)}`

/** Which kind of credential the Authorization header carries, in the forms Payload reads. */
function presented(headers: Headers, payload: Payload): null | Presented {
  const header = headers.get('Authorization')
  if (!header) return null
  for (const { config } of Object.values(payload.collections)) {
    const auth = config.auth as { useAPIKey?: boolean } | undefined
    if (auth?.useAPIKey && header.startsWith(`${config.slug} API-Key `)) return 'API key'
  }
  const order = payload.config.auth.jwtOrder
  if (order.includes('JWT') && header.startsWith('JWT ')) return 'token'
  if (order.includes('Bearer') && header.startsWith('Bearer ')) return 'token'
  return null
}

/**
 * Runs first: asks every other strategy Payload has; the first user one of them accepts is the
 * answer. When none accepts a presented credential, the request is marked, and Payload goes on to
 * find no user either.
 */
const detectInvalidCredential: AuthStrategy = readsOnlyAuthorization({
  name: STRATEGY,
  authenticate: async (args: AuthStrategyFunctionArgs) => {
    const { headers, payload, req } = args
    // only the requests Payload's REST and GraphQL handlers authenticate (not the admin's pages)
    if (!req || !args.canSetHeaders) return { user: null }
    const kind = presented(headers, payload)
    if (!kind) return { user: null }
    // A bad `?locale=` would fail the strategies' own lookups (the locale guard refuses it there)
    // and look like a bad credential; the request is answered with the locale's 400 instead.
    if (localeParamError(req, payload)) return { user: null }
    const { max, windowMs } = API_KEY_FAILURES
    if (
      kind === 'API key' &&
      (await apiKeyFailures.count(apiKeyClient(headers), windowMs)) >= max
    ) {
      req.context[MARK] = 'throttled'
      const retryAfter = await apiKeyFailures.retryAfter(apiKeyClient(headers), windowMs)
      ;(req as PayloadRequest).responseHeaders ??= new Headers()
      ;(req as PayloadRequest).responseHeaders!.set('Retry-After', String(retryAfter))
      return { user: null }
    }
    for (const strategy of payload.authStrategies) {
      if (strategy.name === STRATEGY) continue
      const result = await strategy.authenticate({ ...args, strategyName: strategy.name })
      if (result.user) return result
    }
    if (kind === 'API key') await apiKeyFailures.hit(apiKeyClient(headers), windowMs)
    req.context[MARK] = kind
    return { user: null }
  },
})

const messageFor = (kind: Presented) =>
  kind === 'throttled'
    ? `Too many invalid API keys from this address. Try again in ${API_KEY_FAILURES.windowMs / 60_000} minutes at the latest.`
    : kind === 'API key'
      ? 'The API key in the Authorization header is not valid. Check the key, or send no Authorization header to read as an anonymous visitor.'
      : 'The token in the Authorization header is not valid or has expired. Log in again, or send no Authorization header to read as an anonymous visitor.'

const statusFor = (kind: Presented) => (kind === 'throttled' ? 429 : 401)

const invalid = (req: PayloadRequest): null | Presented =>
  (req.context?.[MARK] as Presented | undefined) ?? null

// operations that must work whatever credential the client still holds
const AUTH_OPERATIONS = new Set(['login', 'refresh', 'forgotPassword', 'resetPassword', 'unlock'])

const refuseOperation =
  (slug?: string): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const kind = invalid(req)
    if (!kind || AUTH_OPERATIONS.has(operation)) return args
    // the admin's first-user form creates through Payload's registerFirstUser
    const api = req.payload.config.routes.api
    if (slug && req.pathname === `${api}/${slug}/first-register`) return args
    throw new APIError(messageFor(kind), statusFor(kind), null, true)
  }

/** GraphQL: one error for the whole document, unless it only logs in, out, or asks who is there. */
const refuseGraphQL =
  (authFields: Set<string>) =>
  (args: { contextValue?: unknown }): ValidationRule =>
  (context) => ({
    Document(node) {
      const req = (args.contextValue as { req?: PayloadRequest } | undefined)?.req
      const kind = req && invalid(req)
      if (!kind) return
      const onlyAuth = node.definitions.every(
        (d) =>
          d.kind !== Kind.OPERATION_DEFINITION ||
          d.selectionSet.selections.every(
            (s) =>
              s.kind === Kind.FIELD &&
              (authFields.has(s.name.value) || s.name.value === '__typename'),
          ),
      )
      if (!onlyAuth)
        context.reportError(
          new GraphQLError(messageFor(kind), { extensions: { statusCode: statusFor(kind) } }),
        )
    },
  })

const AUTH_FIELD_PREFIXES = [
  'me',
  'initialized',
  'refreshToken',
  'logout',
  'unlock',
  'login',
  'forgotPassword',
  'resetPassword',
  'verifyEmail',
]

/** Config plugin: a present but invalid Authorization credential answers 401 (REST and GraphQL). */
export const rejectInvalidCredentials = (config: Config): Config => {
  const collections = config.collections ?? []
  const authCollections = collections.filter((c) => c.auth)
  if (!authCollections.length) return config
  // GraphQL names of the auth operations, as @payloadcms/graphql forms them
  const authFields = new Set(
    authCollections.flatMap((c) => {
      const named = (c.graphQL || {}) as { singularName?: string }
      const singular = named.singularName
        ? toWords(named.singularName, true)
        : formatNames(c.slug).singular
      return AUTH_FIELD_PREFIXES.map((prefix) => `${prefix}${singular}`)
    }),
  )
  const first = authCollections[0]
  const graphQL = config.graphQL ?? {}
  return {
    ...config,
    collections: collections.map((collection) => {
      const auth =
        collection === first
          ? {
              ...(typeof collection.auth === 'object' ? collection.auth : {}),
              strategies: [
                detectInvalidCredential,
                ...((typeof collection.auth === 'object' && collection.auth.strategies) || []),
              ],
            }
          : collection.auth
      return {
        ...collection,
        ...(auth ? { auth } : {}),
        hooks: {
          ...collection.hooks,
          beforeOperation: [
            refuseOperation(collection.auth ? collection.slug : undefined),
            ...(collection.hooks?.beforeOperation ?? []),
          ],
        },
      }
    }),
    globals: (config.globals ?? []).map((global): GlobalConfig => ({
      ...global,
      hooks: {
        ...global.hooks,
        beforeOperation: [
          ({ args, req }) => {
            const kind = invalid(req)
            if (kind) throw new APIError(messageFor(kind), statusFor(kind), null, true)
            return args
          },
          ...(global.hooks?.beforeOperation ?? []),
        ],
      },
    })),
    graphQL: {
      ...graphQL,
      validationRules: (args) => [
        ...(graphQL.validationRules?.(args) ?? []),
        refuseGraphQL(authFields)(args),
      ],
    },
  }
}
