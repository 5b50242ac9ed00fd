/**
 * "Does this request carry a credential Payload might accept?" — asked before the response cache
 * may answer from memory (a hit is served before Payload authenticates anyone). Any
 * `Authorization` header (JWT, Bearer, API key, valid or not), a `<cookiePrefix>-token` cookie as
 * Payload's cookie parser reads it, or any custom auth strategy in the config (it may read
 * anything, unless it is marked `readsOnlyAuthorization`) means yes. What is stored is decided inside Payload (src/features/cache/publicMark.ts); this
 * only keeps credentialed requests away from stored answers.
 */
import type { SanitizedConfig } from 'payload'

import { readCookies } from '../site/consentCookie'

export type CredentialCheck = (headers: { authorization?: string; cookie?: string }) => boolean

type AuthConfig = { strategies?: unknown[] } | boolean | undefined

const AUTHORIZATION_ONLY = Symbol.for('newsroom.cache.authorizationOnlyStrategy')

/**
 * Marks a custom strategy that reads nothing but the `Authorization` header (which means bypass
 * anyway), so it does not turn every request into a credentialed one.
 */
export function readsOnlyAuthorization<T extends object>(strategy: T): T {
  return Object.assign(strategy, { [AUTHORIZATION_ONLY]: true })
}

const mayReadAnything = (strategy: unknown) =>
  !(strategy && typeof strategy === 'object' && AUTHORIZATION_ONLY in strategy)

export function credentialCheck(
  config?: Pick<SanitizedConfig, 'cookiePrefix' | 'collections'>,
): CredentialCheck {
  const tokenCookie = `${config?.cookiePrefix || 'payload'}-token`
  const customStrategies = (config?.collections ?? []).some((collection) => {
    const auth = collection.auth as AuthConfig
    return typeof auth === 'object' && (auth.strategies ?? []).some(mayReadAnything)
  })
  if (customStrategies) return () => true
  return ({ authorization, cookie }) =>
    authorization !== undefined || (!!cookie && readCookies(cookie).has(tokenCookie))
}
