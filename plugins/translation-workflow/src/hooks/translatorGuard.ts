import type {
  CollectionBeforeOperationHook,
  CollectionSlug,
  Field,
  FieldAccess,
  PayloadRequest,
  TypedLocale,
} from 'payload'
import { APIError } from 'payload'

import { topLevelFields } from '../utilities/fields'
import { nestedReq } from '../utilities/nestedReq'

import { en } from '../translations/en'

/** The API's answer to a translator's create, and the admin's create view for translators. */
export const TRANSLATORS_CANNOT_CREATE = en['translation-workflow'].translatorsCannotCreate

/** The locales a translator may edit, or null/undefined when the translator rules do not apply. */
export type TranslatorLocales = (user: PayloadRequest['user']) => null | string[] | undefined

// Server-side rules for translators, whatever the path (REST, GraphQL, Local API with a user,
// the admin's "Copy to locale"): they update only localized fields, only in their locales, never
// create (duplicate included), delete, publish, restore a version or upload. Field-level access additionally shows the other fields
// read-only in the admin.

const IGNORED = new Set(['id', 'createdAt', 'updatedAt', '_status'])

type Named = Field & { name: string }
const isDataField = (field: Field): field is Named =>
  'name' in field &&
  field.type !== 'ui' &&
  field.type !== 'join' &&
  !('virtual' in field && field.virtual)

/** Top-level data fields that are not localized (groups count as a whole). */
function nonLocalizedFields(fields: Field[]): Named[] {
  return topLevelFields(fields).filter(
    (field): field is Named =>
      isDataField(field) && !IGNORED.has(field.name) && !('localized' in field && field.localized),
  )
}

/** Compares form/API values with stored ones: ids for relations, null for empty, same instant for dates. */
function normalize(value: unknown): unknown {
  if (value === undefined || value === '' || value === null) return null
  if (Array.isArray(value)) return value.length ? value.map(normalize) : null
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>
    if ('id' in obj && ('createdAt' in obj || 'updatedAt' in obj)) return obj.id // a populated document
    if ('relationTo' in obj && 'value' in obj)
      return { relationTo: obj.relationTo, value: normalize(obj.value) }
    const entries = Object.entries(obj)
      .filter(([k]) => k !== 'id')
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== null && v !== false)
    return entries.length
      ? Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))
      : null
  }
  if (value === false) return null
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T/.test(value) &&
    !Number.isNaN(Date.parse(value))
  )
    return Date.parse(value)
  return value
}

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(normalize(a)) === JSON.stringify(normalize(b))

// A 403 that says what translators may do (public: shown in production too).
const deny = (message: string, data: Record<string, unknown> = {}) =>
  new APIError(message, 403, data, true)

/** Non-localized fields become read-only for translators (keeping any access the field had). */
export function lockNonLocalized(fields: Field[], translatorLocales: TranslatorLocales): Field[] {
  const notForTranslators: FieldAccess = ({ req }) => !translatorLocales(req.user)
  return fields.map((field): Field => {
    if (field.type === 'row' || field.type === 'collapsible')
      return { ...field, fields: lockNonLocalized(field.fields, translatorLocales) }
    if (field.type === 'tabs')
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({
          ...tab,
          fields: lockNonLocalized(tab.fields, translatorLocales),
        })),
      }
    if (!isDataField(field) || IGNORED.has(field.name) || ('localized' in field && field.localized))
      return field
    const access = (field as { access?: { update?: FieldAccess } }).access
    const own = access?.update
    const update: FieldAccess = async (args) =>
      (await notForTranslators(args)) && (own ? await own(args) : true)
    return { ...field, access: { ...access, update } } as Field
  })
}

export const translatorGuard =
  (fields: Field[], translatorLocales: TranslatorLocales): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    const allowed = translatorLocales(req.user)
    if (!allowed) return args
    if (operation === 'create' || operation === 'delete' || operation === 'deleteByID') {
      throw deny(
        operation === 'create' ? TRANSLATORS_CANNOT_CREATE : 'Translators cannot delete documents.',
      )
    }
    // A restore writes every locale and every non-localized field of the old version at once.
    if ((operation as string) === 'restoreVersion')
      throw deny('Translators cannot restore versions: an editor restores them.')
    if (operation !== 'update' && operation !== 'updateByID') return args

    if (!req.locale || !allowed.includes(req.locale)) {
      throw deny(`Translators may edit only ${allowed.join(', ')}, not "${req.locale}".`, {
        locale: req.locale,
        allowed,
      })
    }
    const data = ((args as { data?: Record<string, unknown> }).data ?? {}) as Record<
      string,
      unknown
    >
    if (data._status === 'published') {
      // "Copy to locale" sends the source's whole document, `_status` included, as a draft save
      if (!(args as { draft?: boolean }).draft)
        throw deny('Translators cannot publish: save a draft, and an editor publishes it.')
      ;(args as { data: Record<string, unknown> }).data = { ...data, _status: 'draft' }
    }
    if (req.file) throw deny('Translators cannot upload or replace files.')

    const locked = nonLocalizedFields(fields).filter((f) => f.name in data)
    if (!locked.length) return args
    const id = (args as { id?: string | number }).id
    if (id === undefined)
      throw deny('Translators may change only translated texts.', {
        fields: locked.map((f) => f.name),
      })
    const current = (await req.payload.findByID({
      collection: collection.slug as CollectionSlug,
      id,
      locale: req.locale as TypedLocale,
      depth: 0,
      draft: true,
      overrideAccess: true,
      req: nestedReq(req),
    })) as unknown as Record<string, unknown>
    const changed = locked.filter((f) => !sameValue(data[f.name], current[f.name]))
    if (changed.length) {
      const names = changed.map((f) => f.name)
      throw deny(`Translators may change only translated texts, not: ${names.join(', ')}.`, {
        fields: names,
      })
    }
    return args
  }
