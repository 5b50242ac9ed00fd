import { afterAll, describe, expect, test } from '@jest/globals'
import { formatDate } from '@payloadcms/ui/shared'
import { getTranslation, importDateFNSLocale, initI18n } from '@payloadcms/translations'

import { bootPayload, shutdown } from './helpers/payload'

// The German admin reads as German: dates as the admin formats them (Payload's formatDate with the
// config's pattern and the language's date-fns locale), booleans as "Ja"/"Nein", and the two
// "Sprache" settings apart.
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { config } = ctx

const i18nFor = async (language: 'de' | 'en') => {
  const i18n = await initI18n({ config: config.i18n, context: 'client', language })
  return { ...i18n, dateFNS: await importDateFNSLocale(i18n.dateFNSKey) }
}
const date = '2026-12-02T16:37:00.000Z' // 17:37 in Berlin
const articles = config.collections.find((c) => c.slug === 'articles')!
const publishedAt = articles.fields.find((f) => 'name' in f && f.name === 'publishedAt') as {
  admin?: { date?: { displayFormat?: string } }
}

describe('German admin', () => {
  test.each([
    ['lists and titles', config.admin.dateFormat],
    ['publishedAt', publishedAt.admin?.date?.displayFormat],
  ])('dates in %s: "2. Dezember 2026, 17:37"; English stays English', async (_n, pattern) => {
    const de = await i18nFor('de')
    const en = await i18nFor('en')
    expect(
      formatDate({ date, i18n: de as never, pattern: pattern!, timezone: 'Europe/Berlin' }),
    ).toBe('2. Dezember 2026, 17:37')
    expect(
      formatDate({ date, i18n: en as never, pattern: pattern!, timezone: 'Europe/Berlin' }),
    ).toBe('December 2nd, 2026, 5:37 PM')
  })

  test('a boolean reads "Ja"/"Nein" (list cells lower-case it; filters, group-by headings)', async () => {
    const de = await i18nFor('de')
    const en = await i18nFor('en')
    // Payload's CheckboxCell shows t(`general:${value}`).
    expect([true, false].map((v) => de.t(`general:${v}` as never))).toEqual(['Ja', 'Nein'])
    expect([true, false].map((v) => en.t(`general:${v}` as never))).toEqual(['Yes', 'No'])
  })

  test('content language (header) and interface language (account) have different labels', async () => {
    for (const language of ['de', 'en'] as const) {
      const { t } = await i18nFor(language)
      expect(t('general:locale')).not.toBe(t('general:language'))
    }
    const de = await i18nFor('de')
    expect([de.t('general:locale'), de.t('general:language')]).toEqual([
      'Inhaltssprache',
      'Sprache der Oberfläche',
    ])
  })
})

type AnyField = {
  name?: string
  type: string
  label?: unknown
  hidden?: boolean
  fields?: AnyField[]
  tabs?: AnyField[]
  admin?: { hidden?: boolean; disabled?: boolean; components?: Record<string, unknown> }
}
/** Fields an editor sees as headings or labels whose label is a plain string: Payload's fallback
 * from the field name ("Categories"), the same in every language. */
function untranslatedLabels(fields: AnyField[], path: string[] = []): string[] {
  const found: string[] = []
  for (const field of fields) {
    if (field.hidden || field.admin?.hidden || field.admin?.disabled) continue
    // A custom (or no) Field component renders its own texts, subfields included.
    if (field.admin?.components && 'Field' in field.admin.components) continue
    const here = field.name ? [...path, field.name] : path
    if (field.name && typeof field.label === 'string') found.push(here.join('.'))
    for (const sub of [...(field.fields ?? []), ...(field.tabs ?? [])])
      found.push(...untranslatedLabels([sub], here))
  }
  return found
}

describe('German labels of our fields', () => {
  test('every visible field of every collection and global has an en/de label', () => {
    // Payload's own collections (jobs, preferences, …) are not shown as documents.
    const entities = [...config.collections, ...config.globals].filter(
      (e) => !e.slug.startsWith('payload-'),
    )
    const found = entities.flatMap((e) =>
      untranslatedLabels(e.fields as AnyField[]).map((p) => `${e.slug}: ${p}`),
    )
    expect(found).toEqual([])
  })

  test('"Cookie-Einwilligung": the headings of categories and services are German', async () => {
    const de = await i18nFor('de')
    const consent = config.globals.find((g) => g.slug === 'consent')!
    const categories = consent.fields.find(
      (f) => 'name' in f && f.name === 'categories',
    ) as AnyField
    const services = categories.fields!.find((f) => f.name === 'services')!
    const label = (f: AnyField) => getTranslation(f.label as never, de as never)
    expect([label(categories), label(services)]).toEqual(['Kategorien', 'Dienste'])
  })

  test('the publish menu offers "Veröffentlichung planen"', async () => {
    const de = await i18nFor('de')
    expect(de.t('version:schedulePublish' as never)).toBe('Veröffentlichung planen')
  })
})
