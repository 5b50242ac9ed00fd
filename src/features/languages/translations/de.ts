// Our German texts, formal "Sie" throughout like the rest of the German admin (deFormal.ts replaces
// Payload's "du"; tests/admin-german.test.ts checks every German string). Same keys as en.ts.
import { deFormal } from '../deFormal'
import type { en } from './en'

export const de = {
  ...deFormal,
  general: {
    ...deFormal.general,
    // Both were "Sprache"; a boolean was "wahr"/"falsch" (see en.ts).
    locale: 'Inhaltssprache',
    language: 'Sprache der Oberfläche',
    true: 'Ja',
    false: 'Nein',
  },
  // A menu action, not a noun: "Veröffentlichungsplanung" was Payload's word for it.
  version: { ...deFormal.version, schedulePublish: 'Veröffentlichung planen' },
  newsroom: {
    siteRelatedHeading: 'Verwandte Artikel',
    siteAiTextBadge: 'Von KI berichtet',
    siteAiImageBadge: 'Bild generiert von KI',
    siteConsentHeading: 'Diese Website verwendet Cookies',
    siteConsentAccept: 'Akzeptieren',
    siteConsentReject: 'Ablehnen',
    siteNotFoundTitle: 'Seite nicht gefunden',
    siteNotFoundText: 'Unter dieser Adresse gibt es keinen veröffentlichten Artikel.',
    siteLanguages: 'Sprachen',
    siteSearchLabel: 'Artikel durchsuchen',
    siteSearchButton: 'Suchen',
    siteSearchTitle: 'Suche',
    siteSearchResults: '{{count}} Treffer für „{{query}}“',
    siteSearchNone: 'Keine Artikel für „{{query}}“ gefunden.',
    siteSearchEmpty: 'Geben Sie ein Wort ein, um die Artikel zu durchsuchen.',
    siteSearchPages: 'Ergebnisseiten',
    siteSearchPrevious: 'Vorherige Seite',
    siteSearchNext: 'Nächste Seite',
    siteSearchPage: 'Seite {{page}} von {{pages}}',
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

    adminSearchTitle: 'Suche',
    adminSearchLabel: 'Artikel und Teaser durchsuchen (neueste Entwürfe, beide Sprachen)',
    adminSearchNone: 'Nichts gefunden.',
    adminSearchLanguage: 'Sprache',
    adminSearchDocument: 'Dokument',
    adminSearchCollection: 'Sammlung',

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

    // Collections' labels and descriptions (collections/*); a few are shared.
    // Articles
    articlesSingular: 'Artikel',
    articlesPlural: 'Artikel',
    articlesDescription:
      'Nachrichtenartikel. In einer Sprache schreiben; Übersetzer füllen die andere.',
    title: 'Titel',
    articlesSummary: 'Vorspann',
    articlesSummaryDescription: 'Der Vorspann, der in Teasern erscheint.',
    articlesBody: 'Text',
    articlesHeroImage: 'Aufmacherbild',
    relatedArticles: 'Verwandte Artikel',
    articlesRelatedArticlesDescription: 'Erscheinen in dieser Reihenfolge unter dem Artikel.',
    articlesSlug: 'URL-Kürzel',
    articlesSlugDescription: 'Wird aus dem Titel erzeugt, wenn leer.',
    originalLanguage: 'Originalsprache',
    articlesLanguageDescription:
      'Die Sprache, in der der Artikel geschrieben wurde (neue Artikel: die Sprache, in der sie angelegt werden).',
    articlesPublishedAt: 'Veröffentlicht am',
    articlesLiveIn: 'Veröffentlicht auf',
    articlesSource: 'Importquelle',
    articlesSourceDescription: 'Vom Import ausgefüllt.',
    articlesSourceFile: 'Datei',
    articlesSourceContentHash: 'Inhalts-Hash',
    // Images
    image: 'Bild',
    imagesPlural: 'Bilder',
    imagesAlt: 'Alternativtext',
    imagesAltDescription: 'Beschreibt das Bild für Screenreader.',
    imagesCaption: 'Bildunterschrift',
    imagesCredit: 'Bildnachweis',
    imagesAiGenerated: 'Von KI generiert',
    usedInArticles: 'Verwendet in Artikeln',
    imagesUsedInArticlesDescription:
      'Artikel mit diesem Aufmacherbild. „Unbenutzte Bilder anzeigen“ über der Liste findet Bilder, die nirgends verwendet werden.',
    imagesUsedInRelatedArticles: 'Verwendet in verwandten Artikeln',
    importKey: 'Import-Schlüssel',
    imagesPlaceholder: 'Platzhalterbild',
    imagesPlaceholderDescription:
      'Der Import hat dieses Bild erzeugt, weil die Quelle nur einen Alternativtext hatte. Bitte durch das echte Bild ersetzen.',
    // Related articles
    relatedArticlesSingular: 'Verwandter Artikel',
    relatedArticlesDescription: 'Teaser-Karten, die Artikel unter „Verwandte Artikel“ anzeigen.',
    relatedArticlesTitleDescription:
      'Optional: die meisten Teaser zeigen nur eine Zusammenfassung.',
    relatedArticlesSummary: 'Zusammenfassung',
    relatedArticlesArticle: 'Vollständiger Artikel',
    relatedArticlesArticleDescription: 'Gesetzt, wenn die Geschichte in diesem CMS existiert.',
    relatedArticlesUrl: 'Externer Link',
    // Users
    roleAdmin: 'Administrator',
    roleEditor: 'Redakteur',
    roleTranslator: 'Übersetzer',
    roleDeveloper: 'Entwickler (API, nur lesen)',
    usersSingular: 'Benutzer',
    usersPlural: 'Benutzer',
    name: 'Name',
    usersRoles: 'Rollen',
    usersTranslatorLocales: 'Übersetzt in',
    usersTranslatorLocalesDescription:
      'Übersetzer dürfen nur die sprachabhängigen Felder dieser Sprachen bearbeiten.',
    usersCanReadDrafts: 'Darf Entwürfe über die API lesen',
    usersAISystem: 'KI-System',
    usersAISystemDescription:
      'Nur für Konten, über die ein KI-System schreibt (Name und Version): Seine Texte gelten als „Von KI generiert“, außer es gibt eine andere Herkunft an.',
    // Locales
    localesSingular: 'Sprache',
    localesPlural: 'Sprachen',
    localesDescription:
      'Die Sprachen der Website und die Beschriftungen, die sie in jeder Sprache zeigt.',
    localesCode: 'Code',
    localesNativeName: 'Eigenname',
    localesIsDefault: 'Standardsprache',
    localesFallbackLocale: 'Ersatzsprache',
    localesLabels: 'Oberflächentexte',
    localesLabelsDescription:
      'Werden Lesern in dieser Sprache gezeigt. Der Import erkennt diese Texte auch in gescrapten Dokumenten.',
    localesRelatedHeading: 'Überschrift „Verwandte Artikel“',
    localesAiTextBadge: 'Badge „Von KI berichtet“',
    localesAiImageBadge: 'Badge „Bild generiert von KI“',
    localesConsentHeading: 'Überschrift des Cookie-Banners',
    localesConsentAcceptLabel: 'Cookie-Banner: Annehmen',
    localesConsentRejectLabel: 'Cookie-Banner: Ablehnen',

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
