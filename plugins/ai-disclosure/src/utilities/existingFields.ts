import type { Field } from 'payload'

/** The data fields at the document root, looking through rows, collapsibles and unnamed tabs. */
export const rootDataFields = (fields: Field[]): Map<string, Field> => {
  const found = new Map<string, Field>()
  const visit = (list: Field[]): void => {
    for (const field of list) {
      if ('name' in field && field.name) {
        found.set(field.name, field)
      } else if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          if ('name' in tab && tab.name) {
            found.set(tab.name, { name: tab.name, type: 'group', fields: tab.fields })
          } else {
            visit(tab.fields)
          }
        }
      } else if ('fields' in field) {
        visit(field.fields)
      }
    }
  }
  visit(fields)
  return found
}
