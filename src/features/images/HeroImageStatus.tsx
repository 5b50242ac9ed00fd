'use client'
import type { UploadFieldClientProps } from 'payload'

import { Pill, useConfig, useField, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { heroImageStatus, heroStatusPath, type HeroImageStatus as Status } from './heroImageStatus'

const PILL: Record<string, 'error' | 'light' | 'success' | 'warning'> = {
  invalid: 'error',
  trusted: 'success',
  untrusted: 'warning',
  valid: 'success',
}

/**
 * Under the article's hero image: whether the image is AI-generated (and how it was made) and its
 * Content Credentials status, so the editor need not open the image.
 */
export const HeroImageStatus: React.FC<UploadFieldClientProps> = ({ path }) => {
  const { value } = useField<unknown>({ path: path ?? 'heroImage' })
  const { config } = useConfig()
  const { t } = useTranslation()
  const translate = t as unknown as (key: string) => string
  const id =
    value && typeof value === 'object' ? (value as { id?: number | string }).id : (value as string)
  const [status, setStatus] = useState<null | Status>(null)

  useEffect(() => {
    setStatus(null)
    if (id === undefined || id === null || id === '') return
    const controller = new AbortController()
    fetch(heroStatusPath(config.routes.api, id), {
      credentials: 'include',
      signal: controller.signal,
    })
      .then((res) => (res.ok ? res.json() : null))
      .then((doc) => doc && setStatus(heroImageStatus(doc)))
      .catch(() => undefined)
    return () => controller.abort()
  }, [id, config.routes.api])

  if (!status) return null
  return (
    <div
      className="hero-image-status"
      style={{
        alignItems: 'center',
        display: 'flex',
        flexWrap: 'wrap',
        gap: '0.5rem',
        marginTop: '0.5rem',
      }}
    >
      <Pill pillStyle={status.aiGenerated ? 'warning' : 'light'} size="small">
        {translate('ai-disclosure:aiGenerated')}: {status.aiGenerated ? '✓' : '–'}
      </Pill>
      {status.digitalSourceType ? (
        <span>{translate(`ai-disclosure:dst_${status.digitalSourceType}`)}</span>
      ) : null}
      {status.aiSystem ? <span>({status.aiSystem})</span> : null}
      <Pill pillStyle={PILL[status.credentials ?? ''] ?? 'light'} size="small">
        {translate('ai-disclosure:contentCredentials')}:{' '}
        {status.credentials
          ? translate(`ai-disclosure:ccStatus_${status.credentials}`)
          : translate('ai-disclosure:ccNotRead')}
      </Pill>
      {status.signer ? <span>{status.signer}</span> : null}
    </div>
  )
}
