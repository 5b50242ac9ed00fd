import type { en } from './en'

export const de: {
  'translation-workflow': Record<keyof (typeof en)['translation-workflow'], string>
} = {
  'translation-workflow': {
    translationStatus: 'Übersetzungsstatus',
    translationStatusDescription:
      'Für diese Sprache. Auf „Fertig“ setzen, wenn die Übersetzung vollständig ist; ändert sich die Vorlage, wechselt er von selbst auf „Prüfen“.',
    status_missing: 'Fehlt',
    'status_in-progress': 'In Arbeit',
    'status_needs-review': 'Prüfen',
    status_done: 'Fertig',
    translatorsCannotCreate: 'Übersetzer können keine Dokumente anlegen.',
    backToList: 'Zurück zur Liste',
  },
}
