// Pure helpers shared by the server code and the admin components. No React, no Payload runtime
// imports: safe to import from 'use client' files and from server components alike.

import { PLUGIN_NAMESPACE, type TranslationStatus } from '../constants'
import { translations } from '../translations'

export type UILanguage = 'de' | 'en'

/** The admin UI language, narrowed to the two we have texts for (anything else gets English). */
export const uiLanguage = (language: string | undefined): UILanguage =>
  language === 'de' ? 'de' : 'en'

/** A status's label in the admin UI language, from the plugin's translations. */
export const statusLabel = (status: TranslationStatus, language: string | undefined): string =>
  (translations[uiLanguage(language)] as Record<string, Record<string, string>>)[PLUGIN_NAMESPACE]![
    `status_${status}`
  ]!

/** Pill colours from Payload's theme variables, so light and dark mode both work. */
export const STATUS_COLORS: Record<
  TranslationStatus,
  { background: string; color: string; border: string }
> = {
  missing: {
    background: 'var(--theme-error-100)',
    color: 'var(--theme-error-800)',
    border: 'var(--theme-error-300)',
  },
  'in-progress': {
    background: 'var(--theme-warning-100)',
    color: 'var(--theme-warning-800)',
    border: 'var(--theme-warning-300)',
  },
  // Payload has no orange scale: mix its warning and error scales.
  'needs-review': {
    background: 'color-mix(in srgb, var(--theme-warning-150) 50%, var(--theme-error-150))',
    color: 'color-mix(in srgb, var(--theme-warning-800) 50%, var(--theme-error-800))',
    border: 'color-mix(in srgb, var(--theme-warning-400) 50%, var(--theme-error-400))',
  },
  done: {
    background: 'var(--theme-success-100)',
    color: 'var(--theme-success-800)',
    border: 'var(--theme-success-300)',
  },
}

const LANGUAGE_NAMES: Record<UILanguage, Record<string, string>> = {
  en: { en: 'English', de: 'German' },
  de: { en: 'Englisch', de: 'Deutsch' },
}

/** "English", "Deutsch", … in the UI language; unknown codes are shown as the code. */
export const languageName = (code: string, ui: UILanguage): string =>
  LANGUAGE_NAMES[ui][code] ?? code.toUpperCase()

/** The SourceText texts, in the admin UI language, for a source locale. */
export const sourceTextLabels = (sourceLocale: string, ui: UILanguage) => {
  if (ui === 'de') {
    const adjective: Record<string, string> = { en: 'Englische', de: 'Deutsche' }
    const dative: Record<string, string> = { en: 'Englisch', de: 'Deutsch' }
    const lang = dative[sourceLocale] ?? sourceLocale.toUpperCase()
    return {
      heading: adjective[sourceLocale] ? `${adjective[sourceLocale]} Vorlage` : `Vorlage (${lang})`,
      empty: `(auf ${lang} leer)`,
      loading: 'Wird geladen …',
      error: `Die Vorlage (${lang}) konnte nicht geladen werden.`,
    }
  }
  const lang = languageName(sourceLocale, 'en')
  return {
    heading: `${lang} source`,
    empty: `(empty in ${lang})`,
    loading: 'Loading …',
    error: `The ${lang} source could not be loaded.`,
  }
}

// ---------------------------------------------------------------------------------------------
// Values

type LexicalNode = { type?: unknown; text?: unknown; children?: unknown }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** True for a Lexical editor state ({ root: { children: [...] } }). */
export const isLexicalState = (value: unknown): value is { root: { children: unknown[] } } =>
  isObject(value) && isObject(value.root) && Array.isArray(value.root.children)

const inlineText = (node: unknown): string => {
  if (!isObject(node)) return ''
  const { type, text, children } = node as LexicalNode
  if (type === 'text' && typeof text === 'string') return text
  if (type === 'linebreak') return '\n'
  if (type === 'tab') return '\t'
  if (!Array.isArray(children)) return ''
  if (type === 'list') {
    return children
      .map(inlineText)
      .filter((item) => item !== '')
      .join('\n')
  }
  if (type === 'listitem') {
    // A list item holds inline text and, for nested lists, a list node of its own.
    const isList = (child: unknown) => isObject(child) && child.type === 'list'
    const own = children
      .filter((child) => !isList(child))
      .map(inlineText)
      .join('')
    const nested = children
      .filter(isList)
      .map(inlineText)
      .filter((item) => item !== '')
      .map((item) => item.replace(/^/gm, '  '))
    return [own.trim() ? `• ${own}` : '', ...nested].filter((item) => item !== '').join('\n')
  }
  return children.map(inlineText).join('')
}

/**
 * The plain text of a Lexical state, one string per top-level block (paragraph, heading, quote,
 * list, …); blocks without text (images, horizontal rules, empty paragraphs) are left out.
 */
export const lexicalToBlocks = (state: unknown): string[] => {
  if (!isLexicalState(state)) return []
  return state.root.children.map((block) => inlineText(block)).filter((text) => text.trim() !== '')
}

/**
 * Reads a form-state path ("title", "labels.aiTextBadge", "items.0.caption") from a document.
 * Segments Payload uses for unnamed containers ("_index-0") are skipped.
 */
export const valueAtPath = (doc: unknown, path: string): unknown => {
  let current: unknown = doc
  for (const segment of path.split('.')) {
    if (segment === '' || segment.startsWith('_index-')) continue
    if (Array.isArray(current)) {
      const index = Number(segment)
      current = Number.isInteger(index) ? current[index] : undefined
    } else if (isObject(current)) {
      current = current[segment]
    } else {
      return undefined
    }
  }
  return current
}

export type SourceValue =
  { kind: 'blocks'; blocks: string[] } | { kind: 'empty' } | { kind: 'text'; text: string }

/** What SourceText shows for a source value: plain text, Lexical blocks, or "empty". */
export const describeSourceValue = (value: unknown): SourceValue => {
  if (value === null || value === undefined) return { kind: 'empty' }
  if (isLexicalState(value)) {
    const blocks = lexicalToBlocks(value)
    return blocks.length ? { kind: 'blocks', blocks } : { kind: 'empty' }
  }
  if (typeof value === 'string')
    return value.trim() ? { kind: 'text', text: value } : { kind: 'empty' }
  if (typeof value === 'number' || typeof value === 'boolean')
    return { kind: 'text', text: String(value) }
  if (Array.isArray(value)) {
    // hasMany text/number fields
    const parts = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String)
    return parts.length ? { kind: 'text', text: parts.join(', ') } : { kind: 'empty' }
  }
  return { kind: 'empty' }
}

/**
 * The code of the document's source language from a `language` relationship value as it appears
 * in form state or a REST response: a populated Locale document ({ code }), an id (resolved with
 * `codesById`), or nothing (→ `defaultLocale`). Returns undefined while an id cannot be resolved yet.
 */
export const sourceLocaleOf = (
  language: unknown,
  codesById: Map<string, string> | undefined,
  defaultLocale: string,
): string | undefined => {
  if (language === null || language === undefined || language === '') return defaultLocale
  if (isObject(language)) {
    if (typeof language.code === 'string' && language.code) return language.code
    const id = language.id ?? language.value
    return id === undefined || id === null
      ? defaultLocale
      : sourceLocaleOf(id, codesById, defaultLocale)
  }
  if (typeof language === 'string' || typeof language === 'number') {
    if (!codesById) return undefined
    return codesById.get(String(language)) ?? defaultLocale
  }
  return defaultLocale
}
