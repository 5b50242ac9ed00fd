'use client'
import type { TextFieldClientProps } from 'payload'

import { SelectInput, useField, useTranslation } from '@payloadcms/ui'
import React from 'react'

import {
  DIGITAL_SOURCE_TYPE_TERMS,
  digitalSourceTypeURI,
  isAIDigitalSourceType,
  normalizeDigitalSourceType,
} from '../constants'

/**
 * A select of the IPTC digital source types for the `digitalSourceType` text field (values are the
 * IPTC URIs). Choosing an AI type ticks `aiGenerated` and says so; choosing another type never
 * unticks it: a disagreement is shown, and the server refuses to save it.
 */
export const DigitalSourceTypeSelect: React.FC<TextFieldClientProps> = ({
  field,
  path: pathFromProps,
  readOnly,
}) => {
  const path = pathFromProps ?? field.name
  const siblingPath = path.includes('.')
    ? `${path.slice(0, path.lastIndexOf('.'))}.aiGenerated`
    : 'aiGenerated'
  const { t } = useTranslation()
  const translate = t as unknown as (key: string) => string
  const { errorMessage, setValue, showError, value } = useField<null | string>({ path })
  const aiGenerated = useField<boolean>({ path: siblingPath })
  const [ticked, setTicked] = React.useState(false)
  const conflict = Boolean(value) && aiGenerated.value === true && !isAIDigitalSourceType(value)

  const options = DIGITAL_SOURCE_TYPE_TERMS.map((term) => ({
    label: translate(`ai-disclosure:dst_${term}`),
    value: digitalSourceTypeURI(term),
  }))

  return (
    <div>
      <SelectInput
        description={field.admin?.description}
        isClearable
        label={field.label}
        name={field.name}
        onChange={(option) => {
          const selected = Array.isArray(option) ? option[0] : option
          const next =
            normalizeDigitalSourceType((selected as { value?: unknown } | null)?.value) ?? null
          setValue(next)
          const tick = Boolean(next && isAIDigitalSourceType(next) && aiGenerated.value !== true)
          if (tick) aiGenerated.setValue(true)
          setTicked(tick)
        }}
        options={options}
        path={path}
        readOnly={readOnly}
        required={field.required}
        showError={showError}
        Error={
          showError && errorMessage ? <div className="field-error">{errorMessage}</div> : undefined
        }
        value={value ?? ''}
      />
      <p className="field-description" style={{ marginTop: '0.25rem' }}>
        {translate('ai-disclosure:dstAINote')}
      </p>
      {conflict ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)', fontWeight: 600 }}>
          {translate('ai-disclosure:dstConflict')}
        </p>
      ) : ticked ? (
        <p role="status">{translate('ai-disclosure:dstTicked')}</p>
      ) : null}
    </div>
  )
}
