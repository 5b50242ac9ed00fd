import crypto from 'node:crypto'

import type { Field } from 'payload'

import { SOURCE_HASH_FIELD, STATUS_FIELD } from '../constants'
import { topLevelFields } from './fields'
import { lexicalToBlocks } from './shared'

/** Names of the translatable text fields (localized text, textarea, rich text) at the top level. */
export function localizedTextFields(fields: Field[]): string[] {
  return topLevelFields(fields).flatMap((field) => {
    const translatable =
      field.type === 'text' || field.type === 'textarea' || field.type === 'richText'
    return translatable &&
      'localized' in field &&
      field.localized &&
      field.name !== STATUS_FIELD &&
      field.name !== SOURCE_HASH_FIELD
      ? [field.name]
      : []
  })
}

export const isEmptyText = (value: unknown): boolean => {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  return lexicalToBlocks(value).length === 0 // rich text without any text
}

/** A stable hash of a document's texts in one locale (to tell when a source text changed). */
export const hashTexts = (doc: Record<string, unknown>, fieldNames: string[]): string =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify(fieldNames.map((name) => doc[name] ?? null)))
    .digest('hex')

/** Plain text of a text or rich-text value, whitespace collapsed (to compare texts). */
export const plainText = (value: unknown): string =>
  (typeof value === 'string' ? value : lexicalToBlocks(value).join('\n'))
    .replace(/\s+/g, ' ')
    .trim()
