// The reader's consent decision, remembered in first-party cookies (path `/`, readable by the page's
// script). Format shared with the response cache, which keys HTML pages by the revision part:
//   newsroom_consent            = <revision>.<consentId>.<acceptType>
//   newsroom_consent_categories = accepted category keys joined by "." (keys never contain a dot)

export const CONSENT_COOKIE = 'newsroom_consent'
export const CONSENT_CATEGORIES_COOKIE = 'newsroom_consent_categories'
/** About six months, like common consent tools; a revision bump asks again earlier. */
export const CONSENT_MAX_AGE = 182 * 24 * 60 * 60

export type ConsentDecision = { revision: number; consentId: string; acceptType: string }

/** Reads one cookie from a `Cookie` header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

/** The decision in the cookie, or undefined when it is absent or malformed. */
export function parseConsentCookie(value: string | undefined): ConsentDecision | undefined {
  const match = /^(\d+)\.([0-9a-f-]{36})\.(all|custom|necessary)$/i.exec(value ?? '')
  if (!match) return undefined
  return { revision: Number(match[1]), consentId: match[2]!, acceptType: match[3]! }
}

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
