// React Server Component: the list Cell of a translated collection's title field.
import type { CollectionSlug, DefaultServerCellComponentProps, Payload } from 'payload'

import { defaultCell } from './defaultCell'
import { resolveSourceLocale, type SourceSettings } from '../utilities/sourceLocale'
import { isEmptyText } from '../utilities/texts'

/**
 * The title of a document that has none in the list's locale, in its source language and marked
 * with it ("[EN] The title"), so untranslated rows do not all read "<No Title>". Reads the source
 * title only for such rows (one query each); rows with a title render Payload's DefaultCell as is.
 */
export async function sourceTitleFor({
  collection,
  field,
  id,
  payload,
  sources,
}: {
  collection: string
  field: string
  id: number | string
  payload: Payload
  sources: SourceSettings
}): Promise<string | undefined> {
  const doc = (await payload.findByID({
    collection: collection as CollectionSlug,
    id,
    locale: 'all',
    depth: 0,
    draft: true,
    disableErrors: true,
    overrideAccess: true,
    select: {
      [field]: true,
      ...(sources.languageField ? { [sources.languageField.field]: true } : {}),
    },
  })) as Record<string, unknown> | null
  if (!doc) return undefined
  const byLocale = (doc[field] ?? {}) as Record<string, unknown>
  const req = { payload, context: {} } as unknown as Parameters<typeof resolveSourceLocale>[0]
  const source = await resolveSourceLocale(req, doc, sources)
  // The source language first, then any locale that has a title.
  const locale = [source, ...Object.keys(byLocale)].find((code) => !isEmptyText(byLocale[code]))
  return locale ? `[${locale.toUpperCase()}] ${String(byLocale[locale]).trim()}` : undefined
}

type Props = DefaultServerCellComponentProps & { sources: SourceSettings }

/** `admin.components.Cell` of the `useAsTitle` field, added by the plugin with `serverProps: { sources }`. */
export async function SourceTitleCell(props: Props) {
  const { cellData, collectionConfig, field, payload, rowData, sources } = props
  const name = 'name' in field ? field.name : ''
  let data: unknown = cellData
  if (isEmptyText(cellData) && rowData?.id !== undefined && payload) {
    data =
      (await sourceTitleFor({
        collection: collectionConfig.slug,
        field: name,
        id: rowData.id,
        payload,
        sources,
      })) ?? cellData
  }
  const label = 'label' in field && typeof field.label !== 'function' ? field.label : undefined
  const clientField = { name, type: field.type, label, admin: {} } as never
  return defaultCell(props, data, clientField)
}
