// React Server Component: the list Cell of an optional field whose empty value needs words of its own.
import type { DefaultServerCellComponentProps } from 'payload'
import { createClientField } from 'payload'
import { defaultCell } from 'payload-plugin-translation-workflow/rsc'

import { translate, type NewsroomKey } from './translations'

export type NotSetCellProps = DefaultServerCellComponentProps & {
  /** The translation an empty value reads as (`newsroom:<empty>`). */
  empty: NewsroomKey
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0)

/**
 * An empty value reads as `empty` ("Nicht angegeben") instead of Payload's generic "<Kein {{label}}>",
 * which is ungrammatical for most German labels ("<Kein Originalsprache>"). Anything else renders
 * Payload's default cell. Used as `admin.components.Cell` with `serverProps: { empty }`.
 */
export function NotSetCell(props: NotSetCellProps) {
  const { cellData, empty, field, i18n, payload } = props
  if (isEmpty(cellData)) return <span className="not-set-cell">{translate(i18n, empty)}</span>
  const clientField = createClientField({
    defaultIDType: payload.config.db.defaultIDType,
    field,
    i18n,
    importMap: payload.importMap,
  })
  return defaultCell(props, cellData, clientField)
}
