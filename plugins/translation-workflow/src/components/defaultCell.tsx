// Payload's default list cell, rendered by a custom server Cell.
import type { ClientField, DefaultServerCellComponentProps } from 'payload'

import { RenderDefaultCell } from '@payloadcms/ui'

/**
 * Payload's own default cell (links, and row selection in list drawers) showing `cellData`. It is a
 * client component, so it gets `field`'s serializable parts only.
 */
export function defaultCell(
  props: DefaultServerCellComponentProps,
  cellData: unknown,
  field: ClientField,
) {
  const clientProps = {
    cellData,
    collectionSlug: props.collectionSlug,
    customCellProps: props.customCellProps,
    field,
    link: props.link,
    linkURL: props.linkURL,
    rowData: props.rowData,
    viewType: props.viewType,
  }
  return (
    <RenderDefaultCell
      clientProps={clientProps as never}
      columnIndex={props.columnIndex ?? 0}
      isLinkedColumn={Boolean(props.link)}
    />
  )
}
