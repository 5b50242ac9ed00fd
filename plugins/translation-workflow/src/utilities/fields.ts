import type { Field } from 'payload'

/**
 * The fields whose data is at the document's top level: those inside rows, collapsibles and
 * unnamed tabs (layout only) included; a group or named tab is one field.
 */
export function topLevelFields(fields: Field[]): Field[] {
  return fields.flatMap((field) => {
    if (field.type === 'row' || field.type === 'collapsible') return topLevelFields(field.fields)
    if (field.type === 'tabs')
      return field.tabs.flatMap((tab) =>
        'name' in tab && tab.name ? [] : topLevelFields(tab.fields),
      )
    return [field]
  })
}
