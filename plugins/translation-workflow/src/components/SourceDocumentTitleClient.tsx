'use client'

import React, { useEffect } from 'react'

import { useDocumentTitle, useFormFields } from '@payloadcms/ui'

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

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
  // After every render, not on changed dependencies: Payload's DocumentTitleProvider sets the ID in
  // the same commit (its effect runs after this child's), which leaves `current` as it was.
  useEffect(() => {
    if (isEmpty(value) && current !== title) setDocumentTitle(title)
  })
  return null
}
