import type { Field } from 'payload'

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const isDate = (v: unknown) =>
  v instanceof Date
    ? !Number.isNaN(v.getTime())
    : typeof v === 'string' && (v === '' || !Number.isNaN(new Date(v).getTime()))

/** What a field of each type stores, and its check (after Payload's own coercions, see below). */
const SCALARS: Partial<Record<Field['type'], [string, (v: unknown) => boolean]>> = {
  text: ['a string', (v) => typeof v === 'string'],
  textarea: ['a string', (v) => typeof v === 'string'],
  email: ['a string', (v) => typeof v === 'string'],
  code: ['a string', (v) => typeof v === 'string'],
  select: ['one of its options (a string)', (v) => typeof v === 'string'],
  radio: ['one of its options (a string)', (v) => typeof v === 'string'],
  number: ['a number', (v) => typeof v === 'number' && Number.isFinite(v)],
  checkbox: ['true or false', (v) => typeof v === 'boolean'],
  date: ['a date (ISO 8601, e.g. 2026-01-31T12:00:00Z)', isDate],
  richText: [
    'rich text (a Lexical JSON object with a root)',
    (v) => isObject(v) && isObject(v.root),
  ],
  group: ['an object', isObject],
  array: ['a list of rows', Array.isArray],
  blocks: ['a list of blocks', Array.isArray],
}

/**
 * Why a value cannot be stored in a field, or undefined when it can (or the field is not checked
 * here: relationships have `withExistingRelations`, json and point take what they take). `null`
 * clears any field. Runs in a collection's beforeValidate hook, after Payload's field hooks turned
 * `"12"` into 12 for numbers, `"true"` into true for checkboxes and a JSON string into rich text;
 * what is left of the wrong JSON type reached the database as it was (SQLite cannot bind an array:
 * a 500) or was stored unreadable (a plain string as rich text: an empty body).
 */
export function wrongType(field: Field, value: unknown): string | undefined {
  if (value === null || value === undefined) return
  const expected = SCALARS[field.type]
  if (!expected) return
  const [what, ok] = expected
  if (
    'hasMany' in field &&
    field.hasMany &&
    field.type !== 'relationship' &&
    field.type !== 'upload'
  ) {
    if (Array.isArray(value) && value.every((v) => v === null || ok(v))) return
    return `a list of values, each ${what}`
  }
  return ok(value) ? undefined : what
}

export const describeValue = (value: unknown): string =>
  Array.isArray(value)
    ? 'a list'
    : value === null
      ? 'null'
      : isObject(value)
        ? 'an object'
        : `a ${typeof value}`
