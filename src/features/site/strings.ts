// Interface texts of the reader pages that have no field in the Locale documents or the consent
// global (those hold the badges, the related heading and every banner text). Staff-only texts
// (preview notices) live here too. A new language falls back to English.

const STRINGS = {
  en: {
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no published article at this address.',
    languages: 'Languages',
    consentSave: 'Save selection',
    consentAlwaysOn: 'always on',
    consentErrorTitle: 'Your choice could not be saved',
    back: 'Back to the article',
    previewNotice:
      'Preview: the latest saved version, including unpublished changes. Only logged-in staff see it.',
    fallback: (language: string) => `not yet translated, shown in ${language}`,
    previewLoginTitle: 'Preview needs a login',
    previewLoginText:
      'Log in to the admin with an account that may read drafts, then open the preview again.',
    teaserPreviewTitle: 'Teaser preview',
  },
  de: {
    notFoundTitle: 'Seite nicht gefunden',
    notFoundText: 'Unter dieser Adresse gibt es keinen veröffentlichten Artikel.',
    languages: 'Sprachen',
    consentSave: 'Auswahl speichern',
    consentAlwaysOn: 'immer aktiv',
    consentErrorTitle: 'Ihre Auswahl konnte nicht gespeichert werden',
    back: 'Zurück zum Artikel',
    previewNotice:
      'Vorschau: die zuletzt gespeicherte Fassung mit unveröffentlichten Änderungen. Nur angemeldete Mitarbeiter sehen sie.',
    fallback: (language: string) => `noch nicht übersetzt, angezeigt auf ${language}`,
    previewLoginTitle: 'Vorschau nur nach Anmeldung',
    previewLoginText:
      'Melden Sie sich im Admin mit einem Konto an, das Entwürfe lesen darf, und öffnen Sie die Vorschau erneut.',
    teaserPreviewTitle: 'Teaser-Vorschau',
  },
} as const

export type SiteStrings = (typeof STRINGS)['en'] | (typeof STRINGS)['de']

export const stringsFor = (locale: string): SiteStrings =>
  STRINGS[locale as keyof typeof STRINGS] ?? STRINGS.en
