import type { Field } from 'payload'

import { lexicalToBlocks } from 'payload-plugin-translation-workflow'

import { paragraphsToLexical } from '../../src/utilities/richtext'

/** A localized text in a collection or global, at a path such as `['categories', 0, 'label']`. */
export type LocalizedLeaf = { path: (string | number)[]; type: 'text' | 'textarea' | 'richText' }

const TEXT_TYPES = new Set(['text', 'textarea', 'richText'])

const isHidden = (field: Field) =>
  ('hidden' in field && field.hidden === true) ||
  Boolean((field as { admin?: { hidden?: boolean } }).admin?.hidden) ||
  ('virtual' in field && Boolean(field.virtual)) ||
  serverOnly(field)

/** No client may write it (e.g. the AI-disclosure review and text fingerprint): the server sets it. */
const serverOnly = (field: Field) => {
  const access = (field as { access?: { create?: unknown; update?: unknown } }).access
  const refuses = (fn: unknown) => typeof fn === 'function' && fn({ req: {} }) === false
  return refuses(access?.create) && refuses(access?.update)
}

/**
 * Every localized text field of a config's fields, also inside groups, rows, tabs and arrays (an
 * array contributes its first row). Walked from the sanitized config, so a field added tomorrow is
 * covered without editing a test. Virtual, hidden and server-only fields (badges, hashes, the
 * AI-disclosure review) are left out.
 */
export function localizedLeaves(
  fields: Field[],
  prefix: (string | number)[] = [],
  parentLocalized = false,
): LocalizedLeaf[] {
  return fields.flatMap((field): LocalizedLeaf[] => {
    if (isHidden(field)) return []
    const localized = parentLocalized || ('localized' in field && Boolean(field.localized))
    if (field.type === 'row' || field.type === 'collapsible')
      return localizedLeaves(field.fields, prefix, localized)
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) =>
        'name' in tab && tab.name
          ? localizedLeaves(tab.fields, [...prefix, tab.name], localized)
          : localizedLeaves(tab.fields, prefix, localized),
      )
    }
    if (!('name' in field)) return []
    if (field.type === 'group')
      return localizedLeaves(field.fields, [...prefix, field.name], localized)
    if (field.type === 'array')
      return localizedLeaves(field.fields, [...prefix, field.name, 0], localized)
    if (localized && TEXT_TYPES.has(field.type))
      return [{ path: [...prefix, field.name], type: field.type as LocalizedLeaf['type'] }]
    return []
  })
}

export const pathName = (path: (string | number)[]) => path.join('.')

export function getAt(doc: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value == null ? undefined : (value as Record<string | number, unknown>)[key]),
    doc,
  )
}

/** A copy of `doc` with `value` at `path`; missing groups and array rows are created. */
export function setAt<T>(doc: T, path: (string | number)[], value: unknown): T {
  const [key, ...rest] = path
  const base = (doc ?? (typeof key === 'number' ? [] : {})) as Record<string | number, unknown>
  const copy = (Array.isArray(base) ? [...base] : { ...base }) as Record<string | number, unknown>
  copy[key] = rest.length ? setAt(copy[key], rest, value) : value
  return copy as T
}

/** A distinct value of the field's type. */
export const valueFor = (leaf: LocalizedLeaf, text: string): unknown =>
  leaf.type === 'richText'
    ? paragraphsToLexical([text])
    : leaf.type === 'textarea'
      ? `${text}\nsecond line`
      : text

/** Compares what was written with what was read: rich text by its paragraphs. */
export const comparable = (leaf: LocalizedLeaf, value: unknown): unknown =>
  leaf.type === 'richText' ? (value ? lexicalToBlocks(value) : []) : (value ?? null)
