import { de } from './translations/de'
import { en } from './translations/en'

/** What a new Locale document's labels start with: the language's texts (./translations). */
const startLabels = (text: typeof en.newsroom) => ({
  relatedHeading: text.siteRelatedHeading,
  aiTextBadge: text.siteAiTextBadge,
  aiImageBadge: text.siteAiImageBadge,
  consentHeading: text.siteConsentHeading,
  consentAcceptLabel: text.siteConsentAccept,
  consentRejectLabel: text.siteConsentReject,
})

// The site's languages, the one place for locale codes, the default locale and fallbacks: Payload's
// localization, the Locale documents created on first start, the reader pages and the importer's
// language detection all read this module, so adding a language starts here (and with its texts
// in ./translations).
export const LOCALES = [
  {
    code: 'en',
    label: 'English',
    nativeName: 'English',
    // Teasers in the related list keep their own language: on the English page a German-only teaser
    // shows its German text rather than nothing.
    fallbackLocale: 'de',
    labels: startLabels(en.newsroom),
  },
  {
    code: 'de',
    label: 'Deutsch',
    nativeName: 'Deutsch',
    fallbackLocale: 'en',
    labels: startLabels(de.newsroom),
  },
] as const

export type LocaleCode = (typeof LOCALES)[number]['code']
export const DEFAULT_LOCALE: LocaleCode = 'en'
export const LOCALE_CODES: string[] = LOCALES.map((l) => l.code)
/** What a translator translates into unless their account names other locales. */
export const TRANSLATION_LOCALES: string[] = LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE)

/** The locale a text missing in `code` is read from (Payload's `fallbackLocale` of that locale). */
export const fallbackOf = (code: string): string | undefined =>
  LOCALES.find((l) => l.code === code)?.fallbackLocale
