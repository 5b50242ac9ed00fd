import { createHash } from 'node:crypto'

/**
 * The canonical plain text of a locale's title, lead and body: what a reader reads, not how it is
 * stored. Lexical JSON changes without a textual edit (formats, keys, versions), so rich text is
 * reduced to its text nodes, one line per block; whitespace is collapsed and Unicode is NFC.
 */
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list', 'root', 'table'])

const lexicalText = (node: unknown, out: string[]): void => {
  if (!node || typeof node !== 'object') return
  const n = node as { type?: unknown; text?: unknown; children?: unknown; root?: unknown }
  if (n.root) return lexicalText(n.root, out)
  if (typeof n.text === 'string') out.push(n.text)
  if (n.type === 'linebreak') out.push('\n')
  if (Array.isArray(n.children)) {
    for (const child of n.children) lexicalText(child, out)
  }
  if (typeof n.type === 'string' && BLOCK_TYPES.has(n.type)) out.push('\n')
}

const normalise = (text: string): string =>
  text
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
    .join('\n')

/** One field's value as plain text (string, Lexical state, or nothing). */
export const plainText = (value: unknown): string => {
  if (typeof value === 'string') return normalise(value)
  if (value && typeof value === 'object') {
    const out: string[] = []
    lexicalText(value, out)
    return normalise(out.join(''))
  }
  return ''
}

/** The canonical text of the given fields, in order, each under its name. */
export const canonicalText = (doc: Record<string, unknown>, fields: string[]): string =>
  fields.map((name) => `${name}:\n${plainText(doc[name])}`).join('\n\u241E\n')

/** sha256 of the canonical text; `null` when all fields are empty (no text in this locale). */
export const textHashOf = (doc: Record<string, unknown>, fields: string[]): null | string => {
  if (fields.every((name) => plainText(doc[name]) === '')) return null
  return createHash('sha256').update(canonicalText(doc, fields), 'utf8').digest('hex')
}
