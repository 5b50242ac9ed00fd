// Our German texts, formal "Sie" throughout like the rest of the German admin (deFormal.ts replaces
// Payload's "du"; tests/admin-german.test.ts checks every German string). Same keys as en.ts.
import { deFormal } from '../deFormal'
import type { en } from './en'

export const de = {
  ...deFormal,
  general: {
    ...deFormal.general,
    locale: 'Inhaltssprache',
    language: 'Sprache der Oberfläche',
    true: 'Ja',
    false: 'Nein',
  },
  // A menu action, not a noun: "Veröffentlichungsplanung" was Payload's word for it.
  version: { ...deFormal.version, schedulePublish: 'Veröffentlichung planen' },
  newsroom: {
    siteNotFoundTitle: 'Seite nicht gefunden',
    siteNotFoundText: 'Unter dieser Adresse gibt es keinen veröffentlichten Artikel.',
    siteLanguages: 'Sprachen',
    siteConsentSave: 'Auswahl speichern',
    siteConsentAlwaysOn: 'immer aktiv',
    siteConsentErrorTitle: 'Ihre Auswahl konnte nicht gespeichert werden',
    siteBack: 'Zurück zum Artikel',
    siteFallback: 'noch nicht übersetzt, angezeigt auf {{language}}',
    sitePreviewNotice:
      'Vorschau: die zuletzt gespeicherte Fassung mit unveröffentlichten Änderungen. Nur angemeldete Mitarbeiter sehen sie.',
    sitePreviewLoginTitle: 'Vorschau nur nach Anmeldung',
    sitePreviewLoginText:
      'Melden Sie sich im Admin mit einem Konto an, das Entwürfe lesen darf, und öffnen Sie die Vorschau erneut.',
    siteTeaserPreviewTitle: 'Teaser-Vorschau',

    scheduleOpen: 'Planen …',
    scheduleTitle: 'Veröffentlichung planen',
    scheduleAction: 'Aktion',
    schedulePublish: 'Veröffentlichen',
    scheduleUnpublish: 'Veröffentlichung aufheben',
    scheduleUnpublishOnlyLive: 'Aufheben ist nur für eine veröffentlichte Sprache möglich.',
    scheduleLanguage: 'Sprache',
    scheduleAllLanguages: 'Alle Sprachen',
    scheduleDate: 'Datum',
    scheduleTime: 'Uhrzeit',
    scheduleTimeZone: 'Zeitzone',
    scheduleYourBrowser: 'Ihr Browser',
    scheduleSubmit: 'Planen',
    scheduleScheduled: 'Geplant.',
    scheduleCancelled: 'Planung gelöscht.',
    schedulePending: 'Geplante Änderungen',
    scheduleNone: 'Nichts geplant.',
    scheduleCancel: 'Löschen',
    schedulePrevious: 'Zurück',
    scheduleNext: 'Weiter',
    scheduleSaveFirst:
      'Bitte speichern Sie Ihre Änderungen zuerst: geplant wird die gespeicherte Fassung.',
    schedulePickTime: 'Bitte wählen Sie Datum und Uhrzeit.',
    scheduleNoSuchTime:
      'Diese Uhrzeit gibt es in der gewählten Zeitzone nicht (an diesem Tag wird die Uhr vorgestellt).',
    scheduleFailed: 'Die Planung konnte nicht gespeichert werden.',
    scheduleSentencePublish:
      '{{locale}}: Veröffentlichung am {{date}} um {{time}} Uhr Ortszeit {{city}} ({{utc}} UTC).',
    scheduleSentenceUnpublish:
      '{{locale}}: Aufhebung der Veröffentlichung am {{date}} um {{time}} Uhr Ortszeit {{city}} ({{utc}} UTC).',

    publicationPerLanguage: 'Veröffentlichung je Sprache',
    publicationDescription:
      'Wird beim Veröffentlichen einer Sprache gesetzt; der erste Zeitpunkt bleibt erhalten.',
    publicationLive: 'Veröffentlicht',
    publicationFirstPublishedAt: 'Erstmals veröffentlicht',
    publicationLiveSomewhere: 'In einer Sprache veröffentlicht',

    notSet: 'Nicht angegeben',

    apiKeyFormat:
      'Ein API-Schlüssel muss aus 32 bis 128 Buchstaben, Ziffern, „-“ oder „_“ bestehen. Verwenden Sie „Neuen API-Schlüssel generieren“.',
    apiKeyTaken:
      'Dieser API-Schlüssel gehört einem anderen Benutzer. Verwenden Sie „Neuen API-Schlüssel generieren“.',

    unusedImagesShow: 'Unbenutzte Bilder anzeigen',
    unusedImagesAll: 'Alle Bilder anzeigen',
    unusedImagesNote:
      'Bilder werden nie automatisch gelöscht, auch nicht die für einen verworfenen Artikel hochgeladenen.',
  } satisfies Record<keyof (typeof en)['newsroom'], string>,
}
