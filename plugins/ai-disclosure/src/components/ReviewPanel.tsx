'use client'
import {
  Banner,
  Button,
  useConfig,
  useDocumentInfo,
  useFormFields,
  useFormModified,
  useLocale,
  useTranslation,
} from '@payloadcms/ui'
import React, { useState } from 'react'

import { isAIOrigin } from '../disclosure/origins'

type LooseT = (key: string, vars?: Record<string, unknown>) => string

/**
 * The review of this locale's text: its state ("changed since review by X on …") and the Approve
 * button. The server records who approved which text; the button sends only the locale.
 */
export const ReviewPanel: React.FC = () => {
  const { i18n, t } = useTranslation()
  const translate = t as unknown as LooseT
  const { collectionSlug, id } = useDocumentInfo()
  const locale = useLocale()
  const modified = useFormModified()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const state = JSON.parse(
    useFormFields(([fields]) =>
      JSON.stringify({
        date: fields['aiDisclosure.review.reviewedAt']?.value ?? null,
        hash: fields['aiDisclosure.review.hash']?.value ?? null,
        name: fields['aiDisclosure.review.reviewerName']?.value ?? null,
        origin: fields['aiDisclosure.origin']?.value ?? null,
        textHash: fields['aiDisclosure.textHash']?.value ?? null,
      }),
    ),
  ) as Record<string, null | string>

  if (!id) return null
  const date = state.date ? new Date(state.date).toLocaleString(i18n.language) : ''
  const status = !state.hash
    ? translate('ai-disclosure:reviewNone')
    : translate(
        state.hash === state.textHash ? 'ai-disclosure:reviewCurrent' : 'ai-disclosure:reviewStale',
        { date, name: state.name ?? '?' },
      )
  const stale = Boolean(state.hash) && state.hash !== state.textHash

  const approve = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const res = await fetch(
        `${serverURL ?? ''}${api}/${collectionSlug}/${id}/approve?locale=${encodeURIComponent(locale.code)}`,
        { credentials: 'include', method: 'POST' },
      )
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { errors?: { message?: string }[] }
        setError(body.errors?.[0]?.message ?? res.statusText)
        return
      }
      // the saved document carries the new review: load it into the form
      window.location.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div
      className="ai-disclosure-review"
      data-review-state={!state.hash ? 'none' : stale ? 'stale' : 'current'}
      style={{ marginBottom: 'var(--spacing-field, 1rem)' }}
    >
      <Banner type={stale || (isAIOrigin(state.origin) && !state.hash) ? 'error' : 'info'}>
        {status}
      </Banner>
      {modified ? (
        <p>{translate('ai-disclosure:approveSaveFirst')}</p>
      ) : (
        <Button buttonStyle="secondary" disabled={busy} onClick={() => void approve()} size="small">
          {busy ? translate('ai-disclosure:approving') : translate('ai-disclosure:approve')}
        </Button>
      )}
      {error ? <Banner type="error">{error}</Banner> : null}
    </div>
  )
}
