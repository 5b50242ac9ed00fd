import type { CollectionConfig, Field } from 'payload'

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

/**
 * The edit view's header and breadcrumb of an untranslated document show the same marked source
 * title as its list row, not its ID: a `beforeDocumentControls` component, for the same
 * `useAsTitle` fields as the Cell.
 */
export const withSourceDocumentTitle = (
  collection: CollectionConfig,
  sources: SourceSettings,
): CollectionConfig['admin'] => {
  const { admin } = collection
  const useAsTitle = admin?.useAsTitle
  const field = collection.fields.find((f) => 'name' in f && f.name === useAsTitle)
  if (!field || (field.type !== 'text' && field.type !== 'textarea') || !field.localized)
    return admin
  const component = {
    path: `${PACKAGE_NAME}/rsc#SourceDocumentTitle`,
    serverProps: { collection: collection.slug, field: useAsTitle, sources },
  }
  const edit = admin?.components?.edit
  return {
    ...admin,
    components: {
      ...admin?.components,
      edit: {
        ...edit,
        beforeDocumentControls: [...(edit?.beforeDocumentControls ?? []), component],
      },
    },
  }
}
