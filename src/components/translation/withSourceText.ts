// Config helper (server side, no React): adds the SourceText afterInput component to every
// translatable field, so collections need not list it field by field.
import type { Field } from 'payload'

export const SOURCE_TEXT_COMPONENT = '/components/translation/SourceText#SourceText'

const TRANSLATABLE = new Set(['text', 'textarea', 'richText'])

type WithAdmin = { admin?: { hidden?: boolean; components?: { afterInput?: unknown[] } } }

/**
 * Returns `fields` with `admin.components.afterInput: [SourceText]` on every localized text, textarea
 * and richText field (also those nested in groups, rows, collapsibles, tabs, arrays and blocks, and
 * the unlocalized children of a localized group/array/block, whose values are per locale too).
 * Hidden fields, hasMany text fields and fields that already list SourceText are left alone.
 */
export function withSourceText(fields: Field[], insideLocalized = false): Field[] {
  return fields.map((field): Field => {
    const localized = insideLocalized || ('localized' in field && field.localized === true)
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({
          ...tab,
          fields: withSourceText(tab.fields, localized || ('localized' in tab && tab.localized === true)),
        })),
      }
    }
    if (field.type === 'blocks') {
      if (!field.blocks) return field
      return {
        ...field,
        blocks: field.blocks.map((block) => ({ ...block, fields: withSourceText(block.fields, localized) })),
      }
    }
    if ('fields' in field && Array.isArray(field.fields)) {
      return { ...field, fields: withSourceText(field.fields, localized) } as Field
    }
    if (!TRANSLATABLE.has(field.type) || !localized) return field
    if (field.type === 'text' && field.hasMany) return field
    const admin = (field as WithAdmin).admin
    if (admin?.hidden) return field
    const afterInput = admin?.components?.afterInput ?? []
    if (afterInput.includes(SOURCE_TEXT_COMPONENT)) return field
    return {
      ...field,
      admin: { ...admin, components: { ...admin?.components, afterInput: [...afterInput, SOURCE_TEXT_COMPONENT] } },
    } as Field
  })
}
