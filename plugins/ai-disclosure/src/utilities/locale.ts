import type { PayloadRequest } from 'payload'

/**
 * The content locale to compute labels for: the request's locale, else (locale `all` or no
 * localization) the default locale, else the admin language, else `en`.
 */
export const resolveRequestLocale = (req: PayloadRequest): string => {
  const locale = req.locale as string | undefined
  if (locale && locale !== 'all' && locale !== '*') {
    return locale
  }
  const localization = req.payload?.config?.localization
  if (localization && localization.defaultLocale) {
    return localization.defaultLocale
  }
  return req.i18n?.language ?? 'en'
}

/** `de-AT` → [`de-AT`, `de`] */
export const localeCandidates = (locale: string): string[] => {
  const base = locale.split(/[-_]/)[0]!
  return base && base !== locale ? [locale, base] : [locale]
}

/** Picks the text for a locale from a `LocalizedText`: exact locale, its language, `en`, the first one. */
export const pickLocalized = (
  text: Record<string, string> | string | undefined,
  locale: string,
): string | undefined => {
  if (text === undefined || typeof text === 'string') {
    return text
  }
  for (const candidate of [...localeCandidates(locale), 'en']) {
    if (typeof text[candidate] === 'string') {
      return text[candidate]
    }
  }
  return Object.values(text)[0]
}
