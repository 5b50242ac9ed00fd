/**
 * "Does this request carry a credential Payload might accept?" — asked before the response cache
 * may answer from memory (a hit is served before Payload authenticates anyone). Any
 * `Authorization` header (JWT, Bearer, API key, valid or not), a `<cookiePrefix>-token` cookie as
 * Payload's cookie parser reads it, or any custom auth strategy in the config (it may read
 * anything) means yes. What is stored is decided inside Payload (src/cache/publicMark.ts); this
 * only keeps credentialed requests away from stored answers.
 */
import type { SanitizedConfig } from 'payload'

import { readCookies } from '../site/consentCookie'

export type CredentialCheck = (headers: { authorization?: string; cookie?: string }) => boolean

type AuthConfig = { strategies?: unknown[] } | boolean | undefined

export function credentialCheck(
  config?: Pick<SanitizedConfig, 'cookiePrefix' | 'collections'>,
): CredentialCheck {
  const tokenCookie = `${config?.cookiePrefix || 'payload'}-token`
  const customStrategies = (config?.collections ?? []).some((collection) => {
    const auth = collection.auth as AuthConfig
    return typeof auth === 'object' && (auth.strategies?.length ?? 0) > 0
  })
  if (customStrategies) return () => true
  return ({ authorization, cookie }) =>
    authorization !== undefined || (!!cookie && readCookies(cookie).has(tokenCookie))
}
