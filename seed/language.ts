import { franc } from 'franc'

// franc speaks ISO 639-3; the site's locale codes are ISO 639-1. Only languages a news site
// plausibly publishes in are listed; a 3-letter code is passed to franc unchanged.
const ISO_639_3: Record<string, string> = {
  de: 'deu',
  en: 'eng',
  es: 'spa',
  fr: 'fra',
  it: 'ita',
  nl: 'nld',
  pl: 'pol',
  pt: 'por',
  ru: 'rus',
  tr: 'tur',
  uk: 'ukr',
}

/** franc's code for a locale code such as `de`, `de-AT` or `deu`, or null when unknown. */
export function francCode(locale: string): string | null {
  const base = locale.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (ISO_639_3[base]) return ISO_639_3[base]
  return /^[a-z]{3}$/.test(base) ? base : null
}

/**
 * Detects which of `locales` the text is written in. Returns null when franc cannot tell
 * (text too short, no known locale), so the caller can choose its own fallback.
 */
export function detectLanguage(text: string, locales: string[]): string | null {
  const byFranc = new Map<string, string>()
  for (const locale of locales) {
    const code = francCode(locale)
    if (code && !byFranc.has(code)) byFranc.set(code, locale)
  }
  if (byFranc.size === 0) return null
  const detected = franc(text, { only: [...byFranc.keys()] })
  return byFranc.get(detected) ?? null
}
