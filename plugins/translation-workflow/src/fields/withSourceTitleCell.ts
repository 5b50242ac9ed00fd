import type { Field } from 'payload'

import type { SourceSettings } from '../utilities/sourceLocale'

import { PACKAGE_NAME } from '../constants'

/**
 * Untranslated rows of list views show the source title marked with its language instead of
 * "<No Title>": a Cell for the `useAsTitle` field when it is a localized text or textarea of its own.
 */
export const withSourceTitleCell = (
  fields: Field[],
  useAsTitle: string | undefined,
  sources: SourceSettings,
): Field[] =>
  fields.map((field) => {
    if (!useAsTitle || !('name' in field) || field.name !== useAsTitle) return field
    if ((field.type !== 'text' && field.type !== 'textarea') || !field.localized) return field
    if (field.admin?.components?.Cell) return field
    const Cell = { path: `${PACKAGE_NAME}/rsc#SourceTitleCell`, serverProps: { sources } }
    return {
      ...field,
      admin: { ...field.admin, components: { ...field.admin?.components, Cell } },
    } as Field
  })
