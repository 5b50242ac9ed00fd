import type { ConsentCategoryDefault, ConsentOptions, ConsentTexts } from '../types'

import { localeCandidates, pickLocalized } from '../utilities/locale'

/** Built-in banner texts. German from the site's banner; English as the fallback of every other locale. */
export const defaultConsentTexts: Record<'de' | 'en', ConsentTexts> = {
  de: {
    acceptLabel: 'Akzeptieren',
    privacyPolicyLabel: 'Datenschutzrichtlinie',
    privacyPolicyURL: '',
    rejectLabel: 'Ablehnen',
    revisionMessage:
      'Wir haben unsere Cookie-Richtlinie geändert. Bitte treffen Sie Ihre Auswahl erneut.',
    settingsLabel: 'Einstellungen',
    text: 'Wir verwenden Cookies für Analysen, um unsere Website zu verbessern. Lesen Sie unsere Datenschutzrichtlinie für weitere Informationen.',
    title: 'Diese Website verwendet Cookies',
  },
  en: {
    acceptLabel: 'Accept',
    privacyPolicyLabel: 'Privacy policy',
    privacyPolicyURL: '',
    rejectLabel: 'Reject',
    revisionMessage: 'We have changed our cookie policy. Please make your choice again.',
    settingsLabel: 'Settings',
    text: 'We use cookies for analytics to improve our website. Read our privacy policy for more information.',
    title: 'This website uses cookies',
  },
}

/** Built-in categories: necessary (required), analytics, marketing. */
export const defaultConsentCategories: ConsentCategoryDefault[] = [
  {
    description: {
      de: 'Erforderlich, damit die Website funktioniert, z. B. um Ihre Cookie-Auswahl zu speichern. Immer aktiv.',
      en: 'Required for the website to work, e.g. to remember your cookie choice. Always on.',
    },
    key: 'necessary',
    label: { de: 'Notwendig', en: 'Necessary' },
    required: true,
  },
  {
    description: {
      de: 'Helfen uns zu verstehen, wie Besucher die Website nutzen, damit wir sie verbessern können.',
      en: 'Help us understand how visitors use the website so we can improve it.',
    },
    key: 'analytics',
    label: { de: 'Analyse', en: 'Analytics' },
  },
  {
    description: {
      de: 'Werden genutzt, um relevante Werbung anzuzeigen und Kampagnen zu messen.',
      en: 'Used to show relevant advertising and to measure campaigns.',
    },
    key: 'marketing',
    label: { de: 'Marketing', en: 'Marketing' },
  },
]

/** The category with this key is always required. */
export const NECESSARY_KEY = 'necessary'

export type ConsentDefaults = {
  categoriesFor: (locale: string | undefined) => Array<{
    description?: string
    key: string
    label?: string
    required: boolean
    services: Array<{ cookies: string[]; description?: string; name: string }>
  }>
  textsFor: (locale: string | undefined) => ConsentTexts
}

/** Default texts and categories per locale, from the built-in defaults and the plugin options. */
export const createConsentDefaults = (options: ConsentOptions): ConsentDefaults => {
  const categories = options.categories ?? defaultConsentCategories
  return {
    categoriesFor: (locale) =>
      categories.map((category) => ({
        description: pickLocalized(category.description, locale ?? 'en'),
        key: category.key,
        label: pickLocalized(category.label, locale ?? 'en'),
        required: Boolean(category.required) || category.key === NECESSARY_KEY,
        services: (category.services ?? []).map((service) => ({
          cookies: service.cookies ?? [],
          description: pickLocalized(service.description, locale ?? 'en'),
          name: service.name,
        })),
      })),
    textsFor: (locale) => {
      // English first (the fallback of every locale), then the language, then the region (`de`, `de-AT`)
      const texts: ConsentTexts = { ...defaultConsentTexts.en, ...(options.defaults?.en ?? {}) }
      for (const candidate of localeCandidates(locale ?? 'en').reverse()) {
        if (candidate !== 'en') {
          Object.assign(texts, defaultConsentTexts[candidate as 'de' | 'en'] ?? {})
          Object.assign(texts, options.defaults?.[candidate] ?? {})
        }
      }
      return texts
    },
  }
}
