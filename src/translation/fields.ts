import type { Field } from 'payload'

export const TRANSLATION_STATUSES = ['missing', 'in-progress', 'needs-review', 'done'] as const
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number]

const STATUS_LABELS: Record<TranslationStatus, { en: string; de: string }> = {
  missing: { en: 'Missing', de: 'Fehlt' },
  'in-progress': { en: 'In progress', de: 'In Arbeit' },
  'needs-review': { en: 'Needs review (source changed)', de: 'Prüfen (Vorlage geändert)' },
  done: { en: 'Done', de: 'Fertig' },
}

/** Per-locale translation status (localized, so every language has its own) and its bookkeeping. */
export const translationFields = (): Field[] => [
  {
    name: 'translationStatus',
    type: 'select',
    localized: true,
    label: { en: 'Translation status', de: 'Übersetzungsstatus' },
    options: TRANSLATION_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
    admin: {
      position: 'sidebar',
      components: { Cell: '/components/translation/TranslationStatusCell#TranslationStatusCell' },
      description: {
        en: 'For this language. Set "Done" when the translation is complete; it turns to "Needs review" by itself when the source text changes.',
        de: 'Für diese Sprache. Auf „Fertig“ setzen, wenn die Übersetzung vollständig ist; ändert sich die Vorlage, wechselt er von selbst auf „Prüfen“.',
      },
    },
  },
  {
    // The source texts' hash when the translation was marked done: a different hash means stale.
    name: 'translationSourceHash',
    type: 'text',
    localized: true,
    admin: { hidden: true },
  },
]
