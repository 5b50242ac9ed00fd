'use client'
import { Pill, useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'

import { isAIOrigin } from '../disclosure/origins'

/**
 * Next to the publish button: this locale's text is AI-made (or machine-translated) and has no
 * current review. It never blocks; the publish rule (server) decides.
 */
export const ReviewWarning: React.FC = () => {
  const { t } = useTranslation()
  const translate = t as unknown as (key: string) => string
  const show = useFormFields(([fields]) => {
    const hash = fields['aiDisclosure.review.hash']?.value
    const current = Boolean(hash) && hash === fields['aiDisclosure.textHash']?.value
    return isAIOrigin(fields['aiDisclosure.origin']?.value) && !current
  })
  if (!show) return null
  return (
    <span role="status" title={translate('ai-disclosure:reviewWarning')}>
      <Pill pillStyle="warning" size="small">
        ⚠ {translate('ai-disclosure:reviewWarningShort')}
      </Pill>
    </span>
  )
}
