'use client'

import React, { useEffect } from 'react'

import { useDocumentTitle, useFormFields } from '@payloadcms/ui'

import { isEmptyText } from '../utilities/texts'

/**
 * Sets the edit view's header and breadcrumb to the source title ("[EN] The title") while the
 * title field of the locale being edited is empty; Payload's own title (the ID) was all it showed.
 * A title typed into the field takes over at once (Payload sets it).
 */
export const SourceDocumentTitleClient: React.FC<{ field: string; title: string }> = ({
  field,
  title,
}) => {
  const value = useFormFields(([fields]) => fields[field]?.value)
  const { setDocumentTitle, title: current } = useDocumentTitle()
  useEffect(() => {
    if (isEmptyText(value) && current !== title) setDocumentTitle(title)
  }, [value, current, title, setDocumentTitle])
  return null
}
