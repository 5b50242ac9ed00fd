'use client'
import { Banner, Pill, useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'

/**
 * Warns the editor when a document is marked "reported by AI" but not reviewed by a human.
 * `banner` (in the AI disclosure group) explains; `inline` (next to the publish button) reminds.
 * It never blocks saving or publishing.
 */
export const ReviewWarning: React.FC<{ variant?: 'banner' | 'inline' }> = ({
  variant = 'banner',
}) => {
  const { t } = useTranslation()
  const translate = t as unknown as (key: string) => string
  const reportedByAI = useFormFields(
    ([fields]) => fields['aiDisclosure.reportedByAI']?.value === true,
  )
  const humanReviewed = useFormFields(
    ([fields]) => fields['aiDisclosure.humanReviewed']?.value === true,
  )

  if (!reportedByAI || humanReviewed) {
    return null
  }

  if (variant === 'inline') {
    return (
      <span role="status" title={translate('ai-disclosure:reviewWarning')}>
        <Pill pillStyle="warning" size="small">
          ⚠ {translate('ai-disclosure:reviewWarningShort')}
        </Pill>
      </span>
    )
  }

  return (
    <div role="alert" style={{ marginBottom: 'var(--spacing-field, 1rem)' }}>
      <Banner type="warning">
        <strong>{translate('ai-disclosure:reviewWarningTitle')}</strong>
        <br />
        {translate('ai-disclosure:reviewWarning')}
      </Banner>
    </div>
  )
}
