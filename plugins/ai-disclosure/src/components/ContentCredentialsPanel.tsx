'use client'
import type { GroupFieldClientProps } from 'payload'

import { Banner, Pill, useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'

import { toDigitalSourceTypeTerm } from '../constants'

const PILL: Record<string, 'error' | 'success' | 'warning' | 'light'> = {
  invalid: 'error',
  trusted: 'success',
  untrusted: 'warning',
  unsigned: 'light',
  valid: 'success',
}

/**
 * "Content Credentials": what the file itself says about its origin (the read-only `provenance`
 * group), with a plain-language explanation of its status.
 */
export const ContentCredentialsPanel: React.FC<GroupFieldClientProps> = ({
  path: pathProp,
  field,
}) => {
  const path = pathProp ?? ('name' in field && field.name ? field.name : 'provenance')
  const { i18n, t } = useTranslation()
  const translate = t as unknown as (key: string) => string
  const values = useFormFields(([fields]) => {
    const out: Record<string, unknown> = {}
    for (const [key, state] of Object.entries(fields)) {
      if (key.startsWith(`${path}.`)) out[key.slice(path.length + 1)] = state?.value
    }
    return out
  }) as Record<string, any>

  const status = typeof values.status === 'string' ? values.status : undefined
  const source = typeof values.source === 'string' ? values.source : undefined
  const date = (value: unknown) =>
    typeof value === 'string' && value
      ? new Date(value).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
      : undefined
  const term = toDigitalSourceTypeTerm(values.digitalSourceType)
  const rows: Array<[string, React.ReactNode]> = []
  const add = (key: string, value: React.ReactNode) => {
    if (value !== undefined && value !== null && value !== '')
      rows.push([translate(`ai-disclosure:${key}`), value])
  }
  if (source) add('ccSource', translate(`ai-disclosure:ccSource_${source}`))
  add(
    'ccTool',
    [values.aiSystem, values.aiSystemVersion].filter(Boolean).join(' ') || values.claimGenerator,
  )
  add('provenanceClaimGenerator', values.aiSystem ? values.claimGenerator : undefined)
  add(
    'provenanceSigner',
    [values.signer, values.signerOrganization && `(${values.signerOrganization})`]
      .filter(Boolean)
      .join(' '),
  )
  add('ccSignedAt', date(values.signedAt))
  add(
    'digitalSourceType',
    term
      ? translate(`ai-disclosure:dst_${term}`)
      : (values.digitalSourceType as string | undefined),
  )
  add('provenanceCreator', values.creator)
  add('provenanceCredit', values.credit)
  add(
    'ccIngredients',
    typeof values.ingredients === 'number' && values.ingredients > 0
      ? values.ingredients
      : undefined,
  )
  add('ccPrompt', values.promptPresent ? '✓' : undefined)
  add(
    'ccCodes',
    Array.isArray(values.codes) && values.codes.length ? (
      <code>{values.codes.join(', ')}</code>
    ) : undefined,
  )
  add('provenanceReason', values.reason)
  add('ccReadAt', date(values.readAt))

  return (
    <section
      aria-label={translate('ai-disclosure:contentCredentials')}
      className="ai-disclosure-content-credentials"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        marginBottom: 'var(--spacing-field, 1rem)',
        padding: '0.75rem 1rem',
      }}
    >
      <h4 style={{ alignItems: 'center', display: 'flex', gap: '0.5rem', margin: '0 0 0.5rem' }}>
        {translate('ai-disclosure:contentCredentials')}
        {status ? (
          <Pill pillStyle={PILL[status] ?? 'light'} size="small">
            {translate(`ai-disclosure:ccStatus_${status}`)}
          </Pill>
        ) : null}
      </h4>
      {!status ? (
        <p>{translate('ai-disclosure:ccNotRead')}</p>
      ) : status === 'none' ? (
        <p>{translate('ai-disclosure:ccNone')}</p>
      ) : (
        <>
          {status === 'invalid' || status === 'untrusted' ? (
            <Banner type={status === 'invalid' ? 'error' : 'info'}>
              {translate(`ai-disclosure:ccExplain_${status}`)}
            </Banner>
          ) : (
            <p>{translate(`ai-disclosure:ccExplain_${status}`)}</p>
          )}
          <dl
            style={{
              display: 'grid',
              gap: '0.25rem 1rem',
              gridTemplateColumns: 'max-content 1fr',
              margin: 0,
            }}
          >
            {rows.map(([label, value]) => (
              <React.Fragment key={label}>
                <dt style={{ fontWeight: 600 }}>{label}</dt>
                <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{value}</dd>
              </React.Fragment>
            ))}
          </dl>
        </>
      )}
    </section>
  )
}
