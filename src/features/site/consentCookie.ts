// The reader's consent decision, remembered in first-party cookies (path `/`, readable by the page's
// script). Format shared with the response cache, which keys HTML pages by the revision part:
//   newsroom_consent            = <revision>.<consentId>.<acceptType>
//   newsroom_consent_categories = accepted category keys joined by "." (keys never contain a dot)
import { parseCookies } from 'payload/shared'

export const CONSENT_COOKIE = 'newsroom_consent'
export const CONSENT_CATEGORIES_COOKIE = 'newsroom_consent_categories'
/** About six months, like common consent tools; a revision bump asks again earlier. */
export const CONSENT_MAX_AGE = 182 * 24 * 60 * 60

export type ConsentDecision = { revision: number; consentId: string; acceptType: string }

/**
 * The cookies of a `Cookie` header as Payload reads them: Payload's own parser (`parseCookies`),
 * with names trimmed as Payload's authentication does (`payload-token =…` is its token). A value
 * that is not valid percent-encoding is no cookie at all.
 */
export function readCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const [name, value] of parseCookies(new Headers({ cookie: header })))
    cookies.set(name.trim(), value)
  return cookies
}

/** Reads one cookie from a `Cookie` header. */
export const readCookie = (header: string | null | undefined, name: string): string | undefined =>
  readCookies(header).get(name)

/** The decision in the cookie value, or undefined when it is absent or malformed. */
export function parseConsentCookie(value: string | undefined): ConsentDecision | undefined {
  const match = /^(\d+)\.([0-9a-f-]{36})\.(all|custom|necessary)$/i.exec(value?.trim() ?? '')
  if (!match) return undefined
  const revision = Number(match[1])
  if (!Number.isSafeInteger(revision)) return undefined
  return { revision, consentId: match[2]!, acceptType: match[3]! }
}

/**
 * The reader's decision from a `Cookie` header: the one reading that the page, the response
 * cache's key and the consent form share. Absent or unparseable means "no decision".
 */
export const consentDecision = (header: string | null | undefined): ConsentDecision | undefined =>
  parseConsentCookie(readCookie(header, CONSENT_COOKIE))

export const formatConsentCookie = ({ revision, consentId, acceptType }: ConsentDecision): string =>
  `${revision}.${consentId}.${acceptType}`

/** `Set-Cookie` values for a decision (Secure on https). */
export function consentSetCookies(
  decision: ConsentDecision,
  acceptedCategories: string[],
  secure: boolean,
): string[] {
  const attributes = `Path=/; Max-Age=${CONSENT_MAX_AGE}; SameSite=Lax${secure ? '; Secure' : ''}`
  return [
    `${CONSENT_COOKIE}=${formatConsentCookie(decision)}; ${attributes}`,
    `${CONSENT_CATEGORIES_COOKIE}=${acceptedCategories.join('.')}; ${attributes}`,
  ]
}
