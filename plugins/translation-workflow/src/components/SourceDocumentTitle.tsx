// React Server Component: `admin.components.edit.beforeDocumentControls` of a translated collection.
import type { Payload } from 'payload'

import type { SourceSettings } from '../utilities/sourceLocale'

import { SourceDocumentTitleClient } from './SourceDocumentTitleClient'
import { sourceTitleFor } from './SourceTitleCell'

type Props = {
  /** from Payload: the document (absent on the create view) */
  id?: number | string
  payload: Payload
  /** from the plugin (`serverProps`) */
  collection: string
  field: string
  sources: SourceSettings
}

/**
 * The document title of an untranslated document: the same "[EN] The title" its list row shows
 * (sourceTitleFor), instead of its ID, in the edit view's header and breadcrumb.
 */
export async function SourceDocumentTitle({ id, payload, collection, field, sources }: Props) {
  if (id === undefined || id === null || id === '') return null
  const title = await sourceTitleFor({ collection, field, id, payload, sources })
  return title ? <SourceDocumentTitleClient field={field} title={title} /> : null
}
