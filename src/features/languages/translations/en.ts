// Our English texts, in Payload's translations shape: the admin's and the reader pages' own words
// under the `newsroom` namespace (`t('newsroom:…')`), and the few of Payload's words we replace.
// de.ts has the same keys; a new language adds a file beside these two.

export const en = {
  general: {
    // Both were "Language": the content locale (header) and the interface language (account).
    locale: 'Content language',
    language: 'Interface language',
    // A boolean in list cells, filters and group-by headings (Payload's words: "true"/"false").
    true: 'Yes',
    false: 'No',
  },
  newsroom: {
    // Reader pages (src/features/site). The badges, the related heading and the consent banner's
    // texts are not here: editors keep them in the Locale documents and the consent global.
    siteNotFoundTitle: 'Page not found',
    siteNotFoundText: 'There is no published article at this address.',
    siteLanguages: 'Languages',
    siteConsentSave: 'Save selection',
    siteConsentAlwaysOn: 'always on',
    siteConsentErrorTitle: 'Your choice could not be saved',
    siteBack: 'Back to the article',
    siteFallback: 'not yet translated, shown in {{language}}',
    // Staff-only pages of the site.
    sitePreviewNotice:
      'Preview: the latest saved version, including unpublished changes. Only logged-in staff see it.',
    sitePreviewLoginTitle: 'Preview needs a login',
    sitePreviewLoginText:
      'Log in to the admin with an account that may read drafts, then open the preview again.',
    siteTeaserPreviewTitle: 'Teaser preview',

    // The publish button's schedule drawer (src/features/publishing/components).
    scheduleOpen: 'Schedule…',
    scheduleTitle: 'Schedule publication',
    scheduleAction: 'Action',
    schedulePublish: 'Publish',
    scheduleUnpublish: 'Unpublish',
    scheduleUnpublishOnlyLive: 'Unpublishing is offered for a language that is live.',
    scheduleLanguage: 'Language',
    scheduleAllLanguages: 'All languages',
    scheduleDate: 'Date',
    scheduleTime: 'Time',
    scheduleTimeZone: 'Time zone',
    scheduleYourBrowser: 'your browser',
    scheduleSubmit: 'Schedule',
    scheduleScheduled: 'Scheduled.',
    scheduleCancelled: 'Schedule cancelled.',
    schedulePending: 'Pending schedules',
    scheduleNone: 'No pending schedules.',
    scheduleCancel: 'Cancel',
    schedulePrevious: 'Previous',
    scheduleNext: 'Next',
    scheduleSaveFirst: 'Save your changes first: a schedule publishes the saved version.',
    schedulePickTime: 'Choose a date and a time.',
    scheduleNoSuchTime:
      'This time does not exist in the chosen time zone (the clocks go forward then).',
    scheduleFailed: 'The schedule could not be saved.',
    scheduleSentencePublish:
      'Publishes {{locale}} on {{date}}, {{time}} {{city}} time ({{utc}} UTC).',
    scheduleSentenceUnpublish:
      'Unpublishes {{locale}} on {{date}}, {{time}} {{city}} time ({{utc}} UTC).',

    // Per-locale publication state (src/features/publishing/localePublication.ts).
    publicationPerLanguage: 'Publication per language',
    publicationDescription: 'Set when a language is published; the first publication time is kept.',
    publicationLive: 'Published',
    publicationFirstPublishedAt: 'First published',
    publicationLiveSomewhere: 'Published in some language',

    // An empty optional relationship in a list cell (src/features/languages/NotSetCell.tsx).
    notSet: 'Not set',

    // API keys typed by hand (src/features/accounts/apiKeys.ts).
    apiKeyFormat:
      'An API key must be 32 to 128 letters, digits, "-" or "_". Use "Generate new API key".',
    apiKeyTaken: 'This API key belongs to another user. Use "Generate new API key".',

    // Above the images list (src/features/images/UnusedImagesLink.tsx).
    unusedImagesShow: 'Show unused images',
    unusedImagesAll: 'Show all images',
    unusedImagesNote:
      'Images are never removed automatically, not even those uploaded for an article that was then abandoned.',
  },
}
