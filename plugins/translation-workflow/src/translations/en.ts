import type { GenericTranslationsObject } from '@payloadcms/translations'

export const en = {
  'translation-workflow': {
    translationStatus: 'Translation status',
    translationStatusDescription:
      'For this language. Set "Done" when the translation is complete; it turns to "Needs review" by itself when the source text changes.',
    status_missing: 'Missing',
    'status_in-progress': 'In progress',
    'status_needs-review': 'Needs review',
    status_done: 'Done',
    // Also the API's 403 message (hooks/translatorGuard.ts): one string for both.
    translatorsCannotCreate: 'Translators cannot create documents.',
    backToList: 'Back to the list',
  },
} satisfies GenericTranslationsObject
