import { afterAll, describe, expect, test } from '@jest/globals'
import { formatDate } from '@payloadcms/ui/shared'
import { getTranslation, importDateFNSLocale, initI18n } from '@payloadcms/translations'

import { TRANSLATORS_CANNOT_CREATE } from 'payload-plugin-translation-workflow'
import {
  CreateDeniedView,
  SourceDocumentTitle,
  SourceTitleCell,
} from 'payload-plugin-translation-workflow/rsc'

import { adminRouteFor } from '../src/features/accounts/createDenied'
import { NotSetCell } from '../src/features/languages/NotSetCell'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

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

/** The text of a rendered element tree (host elements and strings only; components not called). */
function textOf(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node)
  if (Array.isArray(node)) return node.map(textOf).join('')
  const children = (node as { props?: { children?: unknown } } | null)?.props?.children
  return children === undefined ? '' : textOf(children)
}

describe('German list cells: an empty optional relationship', () => {
  test('"Originalsprache" empty reads "Nicht angegeben", not "<Kein Originalsprache>"', async () => {
    const de = await i18nFor('de')
    const en = await i18nFor('en')
    // Payload's generic text, still as it is for every other field.
    expect(de.t('general:noLabel', { label: 'Originalsprache' })).toBe('<Kein Originalsprache>')
    for (const slug of ['articles', 'related-articles']) {
      const collection = config.collections.find((c) => c.slug === slug)!
      const language = collection.fields.find((f) => 'name' in f && f.name === 'language')!
      const Cell = language.admin!.components!.Cell as {
        path: string
        serverProps: { empty: 'notSet' }
      }
      expect(Cell.path).toBe('/features/languages/NotSetCell#NotSetCell')
      const cell = (cellData: unknown, i18n: unknown) =>
        NotSetCell({
          ...Cell.serverProps,
          cellData,
          collectionConfig: collection,
          collectionSlug: slug as never,
          field: language,
          i18n: i18n as never,
          payload: ctx.payload,
          rowData: { id: 1 },
        })
      expect(textOf(cell(null, de))).toBe('Nicht angegeben')
      expect(textOf(cell(undefined, en))).toBe('Not set')
      // A value renders Payload's relationship cell (the Locale's name).
      const filled = cell(7, de) as { props: { clientProps: { field: { relationTo?: string } } } }
      expect(filled.props.clientProps.field.relationTo).toBe('locales')
    }
  })
})

describe('edit view title of an untranslated document', () => {
  test('the German view of an English article is titled "[EN] Title", as its list row', async () => {
    const { payload } = ctx
    const english = await payload.create({
      collection: 'articles',
      locale: 'en',
      draft: true,
      data: { title: 'Only in English', _status: 'draft' } as never,
    })
    const controls = articles.admin.components?.edit?.beforeDocumentControls ?? []
    const component = controls.find(
      (c) =>
        typeof c === 'object' &&
        c.path === 'payload-plugin-translation-workflow/rsc#SourceDocumentTitle',
    ) as { serverProps: Record<string, unknown> } | undefined
    expect(component).toBeDefined()
    const render = (id: unknown) =>
      SourceDocumentTitle({ ...component!.serverProps, id, payload } as never)
    const element = (await render(english.id)) as { props: { title: string; field: string } }
    expect(element.props).toEqual({ field: 'title', title: '[EN] Only in English' })
    // The same text as the list cell of the German list.
    const title = articles.fields.find((f) => 'name' in f && f.name === 'title')!
    const Cell = (title.admin!.components!.Cell as { serverProps: object }).serverProps
    const row = (await SourceTitleCell({
      ...Cell,
      cellData: null,
      collectionConfig: articles,
      collectionSlug: 'articles',
      field: title,
      i18n: {} as never,
      payload,
      rowData: { id: english.id },
    } as never)) as { props: { clientProps: { cellData: unknown } } }
    expect(row.props.clientProps.cellData).toBe(element.props.title)
    // The create view has no document.
    expect(await render(undefined)).toBeNull()
  })
})

describe("a translator's create page", () => {
  const headersFor = (token?: string) =>
    Promise.resolve(new Headers(token ? { authorization: `JWT ${token}` } : {}))
  const route = (segments: string[], token?: string) =>
    adminRouteFor(Promise.resolve({ segments }), Promise.resolve(config), headersFor(token))

  test('says what the API says: "Translators cannot create documents." (German: translated)', async () => {
    const { payload } = ctx
    await loginAs(payload, 'admin-create@example.com', ['admin']) // the first account is an admin
    const translator = await loginAs(payload, 'translator-create@example.com', ['translator'])
    const editor = await loginAs(payload, 'editor-create@example.com', ['editor'])
    const create = ['collections', 'articles', 'create']

    // The API's answer to the translator.
    const res = await api(config).post('/articles?locale=de', {
      token: translator,
      body: { title: 'Neu' },
    })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toBe(TRANSLATORS_CANNOT_CREATE)

    // The admin route: the translator gets the plugin's view; editors and visitors Payload's page.
    expect((await route(create, translator)).segments).toEqual([
      'collections',
      'articles',
      'create-denied',
    ])
    expect((await route(create, editor)).segments).toEqual(create)
    expect((await route(create)).segments).toEqual(create)
    expect((await route(['collections', 'articles'], translator)).segments).toEqual([
      'collections',
      'articles',
    ])
    expect((await route(['collections', 'users', 'create'], translator)).segments).toEqual([
      'collections',
      'users',
      'create',
    ])

    // The view, in both admin languages.
    const view = articles.admin.components?.views?.createDenied as {
      Component: { path: string; serverProps: Record<string, unknown> }
      path: string
    }
    expect(view.Component.path).toBe('payload-plugin-translation-workflow/rsc#CreateDeniedView')
    const user = (
      await payload.find({
        collection: 'users',
        where: { email: { equals: 'translator-create@example.com' } },
      })
    ).docs[0]
    const heading = async (language: 'de' | 'en') => {
      const i18n = await initI18n({ config: config.i18n, context: 'api', language })
      const element = CreateDeniedView({
        ...view.Component.serverProps,
        collectionConfig: articles,
        initPageResult: { req: { i18n, payload, user } } as never,
      } as never)
      return textOf((element as { props: { children: unknown[] } }).props.children[0])
    }
    expect(await heading('en')).toBe(TRANSLATORS_CANNOT_CREATE)
    expect(await heading('de')).toBe('Übersetzer können keine Dokumente anlegen.')
    // Payload's generic text stays as it is (the real not-logged-in case).
    const de = await i18nFor('de')
    expect(de.t('error:unauthorized')).toMatch(/^Nicht autorisiert/)
  })
})

describe('one register: formal "Sie"', () => {
  // Informal address: "du" and its forms, and the verb forms Payload's German used with it.
  const INFORMAL =
    /\b(du|dein\w*|dich|dir|kannst|musst|hast|bist|willst|möchtest|wirst|warst|wurdest|erhältst|siehst|fortfährst|übernimmst|generierst|überprüfe|versuche|gib|wähle|klicke|kopiere|ignoriere|gehe|ändere|verifiziere|speichere|verwerfe|erstelle|setze|passe|ziehe|zeichne)\b/i

  /** Every string in a translations object, with its key. */
  function strings(node: unknown, path = ''): [string, string][] {
    if (typeof node === 'string') return [[path, node]]
    if (!node || typeof node !== 'object') return []
    return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}:${k}` : k))
  }
  /** The German side of every `{ en, de }` label and description in the config. */
  function germanLabels(node: unknown, seen = new Set<unknown>()): string[] {
    if (!node || typeof node !== 'object' || seen.has(node)) return []
    seen.add(node)
    const own = node as Record<string, unknown>
    const here = typeof own.de === 'string' && typeof own.en === 'string' ? [own.de] : []
    return [...here, ...Object.values(own).flatMap((v) => germanLabels(v, seen))]
  }

  test('the German admin (Payload, plugins, ours) never says "du"', async () => {
    const de = await i18nFor('de')
    const informal = strings(de.translations).filter(([, text]) => INFORMAL.test(text))
    expect(informal).toEqual([])
    const ours = germanLabels([config.collections, config.globals]).filter((t) => INFORMAL.test(t))
    expect(ours).toEqual([])
    expect(de.t('error:notAllowedToPerformAction')).toBe(
      'Sie haben keine Berechtigung, diese Aktion auszuführen.',
    )
  })
})
