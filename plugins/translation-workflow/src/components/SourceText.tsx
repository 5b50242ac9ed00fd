'use client'

import type { CSSProperties } from 'react'
import React, { useEffect, useId, useState } from 'react'

import {
  useConfig,
  useDocumentInfo,
  useFieldPath,
  useFormFields,
  useLocale,
  useTranslation,
} from '@payloadcms/ui'

import {
  describeSourceValue,
  sourceLocaleOf,
  sourceTextLabels,
  uiLanguage,
  valueAtPath,
  type SourceValue,
} from '../utilities/shared'

/**
 * Shows, below a localized field's input, the value of the same field in the document's source
 * language (its `language` relationship → Locale `code`; unset means the default locale), read-only,
 * so translators never translate blind. Renders nothing on create, when editing the source locale
 * itself, or outside a document.
 *
 * The plugin adds it as `afterInput` of every localized text, textarea and richText field of the
 * translatable collections (`withSourceText`), with the source settings as client props.
 */

/**
 * Props Payload 3.90 passes to an `afterInput` client component: the field's client props
 * (`field`, `path`, `schemaPath`, `permissions`, `readOnly`), see ui/dist/forms/fieldSchemasToFormState/renderField.js.
 */
export type SourceTextProps = {
  /** Source language of documents that do not name one. Default: the default locale. */
  readonly defaultSource?: string
  /** The relationship field naming a document's source language, and its locale collection. */
  readonly languageField?: {
    readonly codeField: string
    readonly collection: string
    readonly field: string
  }
  readonly field?: { readonly name?: string; readonly type?: string }
  readonly path?: string
  readonly schemaPath?: string
}

// ---------------------------------------------------------------------------------------------
// Module-level caches, shared by every SourceText on the page: one request per document version
// and source locale, however many fields show a source.

/** Locale document id → code. Locales rarely change; a failed load is retried on next use. */
const localeCodesCache = new Map<string, Promise<Map<string, string>>>()

const loadLocaleCodes = (
  apiBase: string,
  collection: string,
  codeField: string,
): Promise<Map<string, string>> => {
  const cacheKey = `${apiBase}/${collection}#${codeField}`
  let pending = localeCodesCache.get(cacheKey)
  if (!pending) {
    // one document per configured language, so one page (the API allows at most 100)
    const query = new URLSearchParams({
      depth: '0',
      limit: '100',
      [`select[${codeField}]`]: 'true',
    })
    pending = fetch(`${apiBase}/${collection}?${query}`, { credentials: 'include' })
      .then(async (res) => {
        if (!res.ok) throw new Error(`GET ${collection}: ${res.status}`)
        const body = (await res.json()) as { docs?: Record<string, unknown>[] }
        const codes = new Map<string, string>()
        for (const doc of body.docs ?? []) {
          const code = doc[codeField]
          if (doc.id !== undefined && typeof code === 'string') codes.set(String(doc.id), code)
        }
        return codes
      })
      .catch((error: unknown) => {
        localeCodesCache.delete(cacheKey)
        throw error
      })
    localeCodesCache.set(cacheKey, pending)
  }
  return pending
}

/** Document URL (with source locale) → the latest fetch for one document version. */
const docCache = new Map<string, { version: number; pending: Promise<Record<string, unknown>> }>()

const loadSourceDoc = (url: string, version: number): Promise<Record<string, unknown>> => {
  const cached = docCache.get(url)
  // A save changes lastUpdateTime, which makes every SourceText refetch once.
  if (cached && cached.version === version) return cached.pending
  const pending = fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`)
      return (await res.json()) as Record<string, unknown>
    })
    .catch((error: unknown) => {
      if (docCache.get(url)?.pending === pending) docCache.delete(url)
      throw error
    })
  docCache.set(url, { version, pending })
  return pending
}

// ---------------------------------------------------------------------------------------------

const boxStyle: CSSProperties = {
  marginTop: 'calc(var(--base) / 2)',
  padding: 'calc(var(--base) / 2) calc(var(--base) * 0.75)',
  background: 'var(--theme-elevation-50)',
  color: 'var(--theme-elevation-800)',
  borderLeft: '3px solid var(--theme-elevation-300)',
  borderRadius: 'var(--style-radius-s)',
  fontSize: '0.8125rem',
  lineHeight: 1.5,
}

const headingStyle: CSSProperties = {
  fontWeight: 600,
  marginBottom: 'calc(var(--base) / 4)',
}

const textStyle: CSSProperties = {
  margin: 0,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
}

const mutedStyle: CSSProperties = {
  ...textStyle,
  color: 'var(--theme-elevation-600)',
  fontStyle: 'italic',
}

const richTextStyle: CSSProperties = {
  maxHeight: '20rem',
  overflowY: 'auto',
}

type LoadState =
  { key: string; status: 'error' } | { key: string; status: 'ready'; value: SourceValue }

export const SourceText: React.FC<SourceTextProps> = (props) => {
  const { id, collectionSlug, globalSlug, lastUpdateTime, data: savedData } = useDocumentInfo()
  const locale = useLocale()
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const headingId = useId()

  // The context path is current even after array rows move; the prop may be stale.
  const path = useFieldPath() ?? props.path ?? props.field?.name

  // The form's (possibly unsaved) language; undefined when this form has no such field (e.g. inside
  // a Lexical block's own form) — then the saved document's value is used.
  const { languageField } = props
  const formLanguage = useFormFields(([fields]) => {
    const field = languageField ? fields?.[languageField.field] : undefined
    return field ? (field.value ?? null) : undefined
  })
  const languageValue: unknown = !languageField
    ? null
    : formLanguage !== undefined
      ? formLanguage
      : savedData?.[languageField.field]

  const apiBase = `${config.serverURL ?? ''}${config.routes.api}`
  const defaultLocale =
    props.defaultSource ?? (config.localization ? config.localization.defaultLocale : 'en')
  const currentLocale = locale && 'code' in locale ? locale.code : undefined

  const needsCodes = typeof languageValue === 'string' || typeof languageValue === 'number'
  const [codesById, setCodesById] = useState<Map<string, string>>()
  useEffect(() => {
    if (!needsCodes || codesById || !languageField) return
    let active = true
    loadLocaleCodes(apiBase, languageField.collection, languageField.codeField).then(
      (codes) => active && setCodesById(codes),
      () => active && setCodesById(new Map()), // unknown id → default locale
    )
    return () => {
      active = false
    }
  }, [apiBase, needsCodes, codesById, languageField])

  const sourceLocale = sourceLocaleOf(languageValue, codesById, defaultLocale)

  const entityPath = collectionSlug
    ? id !== undefined && id !== null && id !== ''
      ? `/${collectionSlug}/${encodeURIComponent(String(id))}`
      : undefined // create: nothing saved to compare with yet
    : globalSlug
      ? `/globals/${globalSlug}`
      : undefined

  const url =
    entityPath && sourceLocale && currentLocale && sourceLocale !== currentLocale && path
      ? `${apiBase}${entityPath}?${new URLSearchParams({
          locale: sourceLocale,
          'fallback-locale': 'none',
          depth: '0',
          draft: 'true', // the latest saved text, published or not
        })}`
      : undefined
  const key = url ? `${url}#${lastUpdateTime}#${path}` : undefined

  const [state, setState] = useState<LoadState>()
  useEffect(() => {
    if (!url || !key || !path) return
    let active = true
    loadSourceDoc(url, lastUpdateTime).then(
      (doc) =>
        active &&
        setState({ key, status: 'ready', value: describeSourceValue(valueAtPath(doc, path)) }),
      () => active && setState({ key, status: 'error' }),
    )
    return () => {
      active = false
    }
  }, [url, key, path, lastUpdateTime])

  if (!url || !sourceLocale) return null

  const labels = sourceTextLabels(sourceLocale, uiLanguage(i18n.language))
  const current = state?.key === key ? state : undefined

  let content: React.ReactNode
  if (!current) {
    content = <p style={mutedStyle}>{labels.loading}</p>
  } else if (current.status === 'error') {
    content = <p style={mutedStyle}>{labels.error}</p>
  } else if (current.value.kind === 'empty') {
    content = <p style={mutedStyle}>{labels.empty}</p>
  } else if (current.value.kind === 'text') {
    content = (
      <p lang={sourceLocale} style={textStyle}>
        {current.value.text}
      </p>
    )
  } else {
    content = (
      // Long bodies scroll; focusable so keyboard users can scroll too.
      <div
        aria-labelledby={headingId}
        lang={sourceLocale}
        role="region"
        style={richTextStyle}
        tabIndex={0}
      >
        {current.value.blocks.map((block, index) => (
          <p key={index} style={{ ...textStyle, marginTop: index ? 'calc(var(--base) / 3)' : 0 }}>
            {block}
          </p>
        ))}
      </div>
    )
  }

  return (
    <div
      aria-labelledby={headingId}
      className="translation-source-text"
      role="note"
      style={boxStyle}
    >
      <div id={headingId} style={headingStyle}>
        {labels.heading}
      </div>
      {content}
    </div>
  )
}
