// React Server Component: the list Cell of an optional field whose empty value needs words of its own.
import { RenderDefaultCell } from '@payloadcms/ui'
import type { DefaultServerCellComponentProps } from 'payload'
import { createClientField } from 'payload'

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
  const { cellData, empty, field, i18n, payload, rowData, ...rest } = props
  if (isEmpty(cellData)) return <span className="not-set-cell">{translate(i18n, empty)}</span>
  const clientField = createClientField({
    defaultIDType: payload.config.db.defaultIDType,
    field,
    i18n,
    importMap: payload.importMap,
  })
  const clientProps = {
    cellData,
    collectionSlug: rest.collectionSlug,
    customCellProps: rest.customCellProps,
    field: clientField,
    link: rest.link,
    linkURL: rest.linkURL,
    rowData,
    viewType: rest.viewType,
  }
  return (
    <RenderDefaultCell
      clientProps={clientProps as never}
      columnIndex={rest.columnIndex ?? 0}
      isLinkedColumn={Boolean(rest.link)}
    />
  )
}
