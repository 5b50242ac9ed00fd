import crypto from 'node:crypto'

import type {
  CollectionAfterLoginHook,
  CollectionBeforeOperationHook,
  Config,
  PayloadRequest,
} from 'payload'
import { APIError } from 'payload'
import { nestedReq } from 'payload-nested-req'

// Login attempts are slowed per client address and per account, without letting anyone lock an
// account: Payload's own lockout (`maxLoginAttempts`) locks the account for every address, so
// five wrong passwords from anywhere would lock the admin out. Instead:
// - one address: at most `perAddress` failed logins per window (any accounts), then 429;
// - one account from one address: at most `perAccountAndAddress`, then 429 for that pair only, so
//   the owner logs in from their own address while an attacker's is refused;
// - one account from all addresses: past `perAccount` failures every further attempt for it waits
//   `accountDelayMs` before it is answered (slowed, never refused).
// An unknown email costs the same password hash as a known one, so the answer's timing does not
// tell which emails have accounts. Counters live in the process (each instance counts its own).

export type LoginThrottleOptions = {
  windowMs?: number
  perAddress?: number
  perAccountAndAddress?: number
  perAccount?: number
  accountDelayMs?: number
}

/** Timestamps of failed logins per key, inside a sliding window. */
class Failures {
  private readonly hits = new Map<string, number[]>()
  constructor(private readonly windowMs: number) {}

  count(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs)
    if (recent.length) this.hits.set(key, recent)
    else this.hits.delete(key)
    return recent.length
  }
  /** Seconds until the oldest failure leaves the window. */
  retryAfter(key: string, now = Date.now()): number {
    const oldest = this.hits.get(key)?.[0] ?? now
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }
  add(key: string, now = Date.now()): void {
    if (this.hits.size > 10_000) for (const k of [...this.hits.keys()]) this.count(k, now)
    this.hits.set(key, [...(this.hits.get(key) ?? []), now])
  }
  removeLast(key: string): void {
    const times = this.hits.get(key)
    times?.pop()
    if (times && !times.length) this.hits.delete(key)
  }
  clear(key: string): void {
    this.hits.delete(key)
  }
}

/** The client's address: src/server.ts passes only the address it decided on in X-Forwarded-For. */
const clientAddress = (req: PayloadRequest) =>
  req.headers?.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'

// Payload's current password hash (generatePasswordSaltHash: PBKDF2-SHA256, 600,000 iterations,
// 32 bytes): what a known email costs before Payload answers.
const hashLikePayload = (password: string) =>
  new Promise<void>((resolve) =>
    crypto.pbkdf2(password, crypto.randomBytes(32).toString('hex'), 600_000, 32, 'sha256', () =>
      resolve(),
    ),
  )

const tooMany = (message: string, retryAfter: number) =>
  new APIError(
    `${message} Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
    429,
    { retryAfter },
    true,
  )

export const throttleLogins =
  ({
    windowMs = 15 * 60_000,
    perAddress = 20,
    perAccountAndAddress = 5,
    perAccount = 50,
    accountDelayMs = 2_000,
  }: LoginThrottleOptions = {}) =>
  (config: Config): Config => {
    const failures = new Failures(windowMs)
    const keysOf = (req: PayloadRequest, slug: string, email: string) => {
      const address = clientAddress(req)
      return {
        address: `address:${address}`,
        pair: `pair:${slug}:${email}:${address}`,
        account: `account:${slug}:${email}`,
      }
    }
    const emailOf = (data: unknown) =>
      String((data as { email?: unknown } | undefined)?.email ?? '')
        .trim()
        .toLowerCase()

    const beforeLogin: CollectionBeforeOperationHook = async ({
      args,
      collection,
      operation,
      req,
    }) => {
      // server code logging in through the Local API is not a client
      if (operation !== 'login' || req.payloadAPI === 'local') return args
      const email = emailOf((args as { data?: unknown }).data)
      const keys = keysOf(req, collection.slug, email)
      if (failures.count(keys.address) >= perAddress)
        throw tooMany(
          'Too many failed logins from this address.',
          failures.retryAfter(keys.address),
        )
      if (failures.count(keys.pair) >= perAccountAndAddress)
        throw tooMany(
          'Too many failed logins for this account from this address.',
          failures.retryAfter(keys.pair),
        )
      if (failures.count(keys.account) >= perAccount)
        await new Promise((resolve) => setTimeout(resolve, accountDelayMs))
      // counted as failed until afterLogin says otherwise (REST, GraphQL and errors alike)
      for (const key of Object.values(keys)) failures.add(key)
      const known = email
        ? await req.payload.db.count({
            collection: collection.slug,
            where: { email: { equals: email } },
            req: nestedReq(req),
          })
        : { totalDocs: 0 }
      if (!known.totalDocs) {
        const password = String((args as { data?: { password?: unknown } }).data?.password ?? '')
        await hashLikePayload(password)
      }
      return args
    }

    const afterLogin: CollectionAfterLoginHook = ({ collection, req, user }) => {
      if (req.payloadAPI === 'local') return user
      const keys = keysOf(req, collection.slug, emailOf(user))
      failures.clear(keys.pair)
      failures.removeLast(keys.address)
      failures.removeLast(keys.account)
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
