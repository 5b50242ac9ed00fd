// The publish button's and schedule drawer's strings (en, de with the formal "Sie").

const en = {
  schedule: 'Schedule…',
  title: 'Schedule publication',
  action: 'Action',
  publish: 'Publish',
  unpublish: 'Unpublish',
  unpublishOnlyLive: 'Unpublishing is offered for a language that is live.',
  language: 'Language',
  allLanguages: 'All languages',
  date: 'Date',
  time: 'Time',
  timeZone: 'Time zone',
  yourBrowser: 'your browser',
  submit: 'Schedule',
  scheduled: 'Scheduled.',
  cancelled: 'Schedule cancelled.',
  pending: 'Pending schedules',
  none: 'No pending schedules.',
  cancel: 'Cancel',
  previous: 'Previous',
  next: 'Next',
  saveFirst: 'Save your changes first: a schedule publishes the saved version.',
  pickTime: 'Choose a date and a time.',
  noSuchTime: 'This time does not exist in the chosen time zone (the clocks go forward then).',
  failed: 'The schedule could not be saved.',
  sentence: (a: {
    type: 'publish' | 'unpublish'
    locale: string
    date: string
    time: string
    city: string
    utc: string
  }) =>
    `${a.type === 'publish' ? 'Publishes' : 'Unpublishes'} ${a.locale} on ${a.date}, ${a.time} ${a.city} time (${a.utc} UTC).`,
  row: (a: { type: 'publish' | 'unpublish'; locale: string }) =>
    `${a.type === 'publish' ? 'Publish' : 'Unpublish'} ${a.locale}`,
}

const de: typeof en = {
  schedule: 'Planen …',
  title: 'Veröffentlichung planen',
  action: 'Aktion',
  publish: 'Veröffentlichen',
  unpublish: 'Veröffentlichung aufheben',
  unpublishOnlyLive: 'Aufheben ist nur für eine veröffentlichte Sprache möglich.',
  language: 'Sprache',
  allLanguages: 'Alle Sprachen',
  date: 'Datum',
  time: 'Uhrzeit',
  timeZone: 'Zeitzone',
  yourBrowser: 'Ihr Browser',
  submit: 'Planen',
  scheduled: 'Geplant.',
  cancelled: 'Planung gelöscht.',
  pending: 'Geplante Änderungen',
  none: 'Nichts geplant.',
  cancel: 'Löschen',
  previous: 'Zurück',
  next: 'Weiter',
  saveFirst: 'Bitte speichern Sie Ihre Änderungen zuerst: geplant wird die gespeicherte Fassung.',
  pickTime: 'Bitte wählen Sie Datum und Uhrzeit.',
  noSuchTime:
    'Diese Uhrzeit gibt es in der gewählten Zeitzone nicht (an diesem Tag wird die Uhr vorgestellt).',
  failed: 'Die Planung konnte nicht gespeichert werden.',
  sentence: (a) =>
    `${a.locale}: ${a.type === 'publish' ? 'Veröffentlichung' : 'Aufhebung der Veröffentlichung'} am ${a.date} um ${a.time} Uhr Ortszeit ${a.city} (${a.utc} UTC).`,
  row: (a) =>
    `${a.locale}: ${a.type === 'publish' ? 'veröffentlichen' : 'Veröffentlichung aufheben'}`,
}

export type Strings = typeof en
export const stringsFor = (language: string | undefined): Strings => (language === 'de' ? de : en)
