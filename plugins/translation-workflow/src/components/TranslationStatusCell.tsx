'use client'

import React from 'react'

import { useTranslation } from '@payloadcms/ui'

import { StatusPill } from './StatusPill'

/**
 * List-view Cell for the `translationStatus` select: a coloured pill (missing red, in-progress amber,
 * needs-review orange, done green) labelled in the admin UI language.
 * Payload 3.90 passes `cellData` (the row's value in the list's locale) among DefaultCellComponentProps.
 */
export const TranslationStatusCell: React.FC<{ readonly cellData?: unknown }> = ({ cellData }) => {
  const { i18n } = useTranslation()
  return <StatusPill language={i18n.language} status={cellData} />
}
