import crypto from 'node:crypto'

import type { Field } from 'payload'

import { lexicalToParagraphs } from '../richtext'

/** Names of the translatable text fields (localized text, textarea, rich text) at the top level. */
export function localizedTextFields(fields: Field[]): string[] {
  return fields.flatMap((field) => {
    if (field.type === 'row' || field.type === 'collapsible') return localizedTextFields(field.fields)
    if (field.type === 'tabs') return field.tabs.flatMap((tab) => ('name' in tab && tab.name ? [] : localizedTextFields(tab.fields)))
    const translatable = field.type === 'text' || field.type === 'textarea' || field.type === 'richText'
    return translatable && 'localized' in field && field.localized && !field.name.startsWith('translation') ? [field.name] : []
  })
}

export const isEmptyText = (value: unknown): boolean => {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  return lexicalToParagraphs(value).length === 0 // rich text without any text
}

/** A stable hash of a document's texts in one locale (to tell when a source text changed). */
export const hashTexts = (doc: Record<string, unknown>, fieldNames: string[]): string =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify(fieldNames.map((name) => doc[name] ?? null)))
    .digest('hex')
