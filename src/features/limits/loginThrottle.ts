import crypto from 'node:crypto'

import type {
  CollectionAfterLoginHook,
  CollectionBeforeOperationHook,
  Config,
  PayloadRequest,
} from 'payload'
import { APIError, AuthenticationError, parseCookies } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

import { clientOf } from './clientAddress'
import { hashQueue, type HashQueue, QueueFullError } from './hashQueue'
import { type KeyedCounterStore, hashKey, memoryCounterStore } from './keyedStore'
import { inClusterWorker, primaryCounterStore } from './primaryStore'
import { redisCounterStore } from './redisStore'

// Login attempts are limited per client, per account and client, and per account, without
// letting anyone lock an account's owner out (Payload's own `maxLoginAttempts` would: five wrong
// passwords from anywhere lock the account for everybody). A client is an IPv4 address or an
// IPv6 /64.
// - one client: at most `perAddress` failed logins per window (any accounts), then 429;
// - one account from one client: at most `perAccountAndAddress`, then 429 for that pair only;
// - one account from all clients: past `perAccount` failures, 429 for browsers without a device
//   cookie for that account. A successful login sets that cookie (signed with Payload's secret),
//   so the owner keeps logging in from a browser they used before; from a new browser they reset
//   the password (forgot/reset password are never limited here) or wait for the window to pass.
// Every password check runs through one small queue (src/features/limits/hashQueue.ts), so logins cannot
// take libuv's thread pool from file reads and compression; when it is full: 429 + Retry-After
// (the client is asked to come back, as for the other login limits).
// An unknown email costs the same hash as a known one, so the timing does not tell which emails
// have accounts. Counters live in a bounded keyed store (hashed keys, bounded by bytes).

export type LoginThrottleOptions = {
  windowMs?: number
  perAddress?: number
  perAccountAndAddress?: number
  perAccount?: number
  /** Where the counters live (default: Redis with `REDIS_URL`, else the cluster's primary, else this process; 4 MiB at most). */
  store?: KeyedCounterStore
  /** The queue every password check runs through (default: one at a time, 16 waiting). */
  queue?: HashQueue
  /** How long a device cookie exempts its browser from the per-account limit. Default 180 days. */
  deviceCookieDays?: number
}

/** The process's login counters and password queue (exported for metrics and tests). */
export const loginCounters: KeyedCounterStore = memoryCounterStore()
/**
 * Where logins are counted by default: in Redis with `REDIS_URL` (every instance), else in the
 * cluster's primary (every process of this server, `WEB_CONCURRENCY`), else here.
 */
const defaultLoginCounters = (): KeyedCounterStore =>
  process.env.REDIS_URL
    ? redisCounterStore(process.env.REDIS_URL)
    : inClusterWorker()
      ? primaryCounterStore('login')
      : loginCounters
export const loginHashQueue: HashQueue = hashQueue({ concurrency: 1, maxQueued: 16 })

// An e-mail address has at most 254 characters (RFC 5321); longer ones are refused unhashed.
const MAX_EMAIL_CHARS = 320

// Payload's password hashes (generatePasswordSaltHash): PBKDF2-SHA256, 600,000 iterations and 32
// bytes behind the `pbkdf2-sha256-v1:` prefix; older hashes 25,000 iterations and 512 bytes.
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const pbkdf2 = (password: string, salt: string, iterations: number, length: number) =>
  new Promise<Buffer>((resolve, reject) =>
    crypto.pbkdf2(password, salt, iterations, length, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
async function passwordMatches(user: { hash?: unknown; salt?: unknown } | null, password: string) {
  if (!user || typeof user.hash !== 'string' || typeof user.salt !== 'string') {
    // the same work for an unknown email
    await pbkdf2(password, crypto.randomBytes(32).toString('hex'), 600_000, 32)
    return false
  }
  const current = user.hash.startsWith(CURRENT_PREFIX)
  const stored = Buffer.from(current ? user.hash.slice(CURRENT_PREFIX.length) : user.hash, 'hex')
  const key = await pbkdf2(password, user.salt, current ? 600_000 : 25_000, current ? 32 : 512)
  return key.length === stored.length && crypto.timingSafeEqual(key, stored)
}

/** Sets a header on the answer Payload sends (REST, its errors, and GraphQL merge these). */
function setResponseHeader(req: PayloadRequest, name: string, value: string) {
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append(name, value)
}

const tooMany = (req: PayloadRequest, message: string, retryAfter: number) => {
  setResponseHeader(req, 'Retry-After', String(retryAfter))
  return new APIError(
    `${message} Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
    429,
    { retryAfter },
    true,
  )
}

export const throttleLogins =
  ({
    windowMs = 15 * 60_000,
    perAddress = 20,
    perAccountAndAddress = 5,
    perAccount = 30,
    store = defaultLoginCounters(),
    queue = loginHashQueue,
    deviceCookieDays = 180,
  }: LoginThrottleOptions = {}) =>
  (config: Config): Config => {
    const deviceMaxAge = deviceCookieDays * 24 * 3600
    const keysOf = (req: PayloadRequest, slug: string, email: string) => {
      const client = clientOf(req.headers)
      return {
        address: `address:${client}`,
        pair: `pair:${slug}:${email}:${client}`,
        account: `account:${slug}:${email}`,
      }
    }
    const emailOf = (data: unknown) => {
      const email = (data as { email?: unknown } | undefined)?.email
      return typeof email === 'string' ? email.trim().toLowerCase() : ''
    }

    // One cookie per account a browser logged in to: `<issued seconds>.<HMAC>`.
    const cookiePrefix = () => config.cookiePrefix || 'payload'
    const deviceCookieName = (slug: string, email: string) =>
      `${cookiePrefix()}-device-${hashKey(`${slug}:${email}`).slice(0, 12)}`
    const sign = (secret: string, slug: string, email: string, issued: string) =>
      crypto
        .createHmac('sha256', secret)
        .update(`login-device\0${slug}\0${email}\0${issued}`)
        .digest('base64url')
    const knownDevice = (req: PayloadRequest, slug: string, email: string) => {
      const value = parseCookies(req.headers).get(deviceCookieName(slug, email))
      const [issued = '', signature = ''] = value?.split('.') ?? []
      const age = Date.now() / 1000 - Number(issued)
      if (!(age >= 0 && age < deviceMaxAge)) return false
      const expected = Buffer.from(sign(req.payload.secret, slug, email, issued))
      const given = Buffer.from(signature)
      return given.length === expected.length && crypto.timingSafeEqual(given, expected)
    }

    const beforeLogin: CollectionBeforeOperationHook = async ({
      args,
      collection,
      operation,
      req,
    }) => {
      // server code logging in through the Local API is not a client
      if (operation !== 'login' || req.payloadAPI === 'local') return args
      const data = (args as { data?: { password?: unknown } }).data
      const email = emailOf(data)
      if (!email) return args // Payload answers the missing email
      if (email.length > MAX_EMAIL_CHARS)
        throw new APIError(
          `The email address is too long (at most ${MAX_EMAIL_CHARS} characters).`,
          400,
          null,
          true,
        )
      const slug = collection.slug
      const keys = keysOf(req, slug, email)
      if ((await store.count(keys.address, windowMs)) >= perAddress)
        throw tooMany(
          req,
          'Too many failed logins from this address.',
          await store.retryAfter(keys.address, windowMs),
        )
      if ((await store.count(keys.pair, windowMs)) >= perAccountAndAddress)
        throw tooMany(
          req,
          'Too many failed logins for this account from this address.',
          await store.retryAfter(keys.pair, windowMs),
        )
      if (
        (await store.count(keys.account, windowMs)) >= perAccount &&
        !knownDevice(req, slug, email)
      )
        throw tooMany(
          req,
          'Too many failed logins for this account. Log in from a browser you have logged in with before, or reset your password.',
          await store.retryAfter(keys.account, windowMs),
        )
      const user = await req.payload.db.findOne<{
        id: number | string
        hash?: unknown
        salt?: unknown
      }>({
        collection: slug,
        where: { email: { equals: email } },
        req: nestedReq(req),
      })
      const password = typeof data?.password === 'string' ? data.password : ''
      // counted as failed until afterLogin says otherwise (REST, GraphQL and errors alike)
      for (const key of Object.values(keys)) await store.hit(key, windowMs)
      let matches: boolean
      try {
        matches = await queue.run(() => passwordMatches(user, password))
      } catch (error) {
        if (!(error instanceof QueueFullError)) throw error
        for (const key of Object.values(keys)) await store.removeLast(key)
        setResponseHeader(req, 'Retry-After', String(error.retryAfter))
        throw new APIError(
          `${error.message} Try again in ${error.retryAfter} second(s).`,
          429,
          { retryAfter: error.retryAfter },
          true,
        )
      }
      // Payload checks the password again and answers; a wrong one stops here, unhashed twice.
      if (!matches) throw new AuthenticationError(req.t)
      return args
    }

    const afterLogin: CollectionAfterLoginHook = async ({ collection, req, user }) => {
      if (req.payloadAPI === 'local') return user
      const email = emailOf(user)
      const keys = keysOf(req, collection.slug, email)
      await store.clear(keys.pair)
      await store.removeLast(keys.address)
      await store.removeLast(keys.account)
      const issued = String(Math.floor(Date.now() / 1000))
      const secure = (req.payload.config.serverURL || '').startsWith('https:') ? '; Secure' : ''
      setResponseHeader(
        req,
        'Set-Cookie',
        `${deviceCookieName(collection.slug, email)}=${issued}.${sign(req.payload.secret, collection.slug, email, issued)}; Path=${req.payload.config.routes.api}; Max-Age=${deviceMaxAge}; HttpOnly; SameSite=Lax${secure}`,
      )
      return user
    }

    return {
      ...config,
      collections: (config.collections ?? []).map((collection) => {
        if (!collection.auth) return collection
        const auth = typeof collection.auth === 'object' ? collection.auth : {}
        if (auth.disableLocalStrategy) return collection
        return {
          ...collection,
          // no account-wide lockout: the limits above slow attackers without locking owners out
          auth: { ...auth, maxLoginAttempts: 0 },
          hooks: {
            ...collection.hooks,
            beforeOperation: [...(collection.hooks?.beforeOperation ?? []), beforeLogin],
            afterLogin: [...(collection.hooks?.afterLogin ?? []), afterLogin],
          },
        }
      }),
    }
  }
