// Config helper (server side, no React): adds the SourceText afterInput component to every
// translatable field, so collections need not list it field by field.
import type { Field } from 'payload'

import { PACKAGE_NAME } from '../constants'

export const SOURCE_TEXT_COMPONENT = `${PACKAGE_NAME}/client#SourceText`

type Component = string | { clientProps?: Record<string, unknown>; path: string }
const pathOf = (component: unknown) =>
  typeof component === 'string' ? component : (component as { path?: string } | null)?.path

const TRANSLATABLE = new Set(['text', 'textarea', 'richText'])

type WithAdmin = { admin?: { hidden?: boolean; components?: { afterInput?: unknown[] } } }

/** Source settings for SourceText (client props): see `SourceTextProps`. */
export type SourceTextClientProps = {
  defaultSource?: string
  languageField?: { codeField: string; collection: string; field: string }
}

/**
 * Returns `fields` with `admin.components.afterInput: [SourceText]` on every localized text, textarea
 * and richText field (also those nested in groups, rows, collapsibles, tabs, arrays and blocks, and
 * the unlocalized children of a localized group/array/block, whose values are per locale too).
 * Hidden fields, hasMany text fields and fields that already list SourceText are left alone.
 * `clientProps` (the source settings) are passed to every SourceText.
 */
export function withSourceText(
  fields: Field[],
  clientProps?: SourceTextClientProps,
  insideLocalized = false,
): Field[] {
  const component: Component = clientProps
    ? { path: SOURCE_TEXT_COMPONENT, clientProps }
    : SOURCE_TEXT_COMPONENT
  return fields.map((field): Field => {
    const localized = insideLocalized || ('localized' in field && field.localized === true)
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({
          ...tab,
          fields: withSourceText(
            tab.fields,
            clientProps,
            localized || ('localized' in tab && tab.localized === true),
          ),
        })),
      }
    }
    if (field.type === 'blocks') {
      if (!field.blocks) return field
      return {
        ...field,
        blocks: field.blocks.map((block) => ({
          ...block,
          fields: withSourceText(block.fields, clientProps, localized),
        })),
      }
    }
    if ('fields' in field && Array.isArray(field.fields)) {
      return { ...field, fields: withSourceText(field.fields, clientProps, localized) } as Field
    }
    if (!TRANSLATABLE.has(field.type) || !localized) return field
    if (field.type === 'text' && field.hasMany) return field
    const admin = (field as WithAdmin).admin
    if (admin?.hidden) return field
    const afterInput = admin?.components?.afterInput ?? []
    if (afterInput.some((c) => pathOf(c) === SOURCE_TEXT_COMPONENT)) return field
    return {
      ...field,
      admin: {
        ...admin,
        components: { ...admin?.components, afterInput: [...afterInput, component] },
      },
    } as Field
  })
}
