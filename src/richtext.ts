// Minimal Lexical documents for plain paragraphs (what the importer and tests write into `body`).

type TextNode = { type: 'text'; text: string; version: 1; detail: 0; format: 0; mode: 'normal'; style: '' }
type ParagraphNode = {
  type: 'paragraph'
  version: 1
  direction: 'ltr'
  format: ''
  indent: 0
  textFormat: 0
  textStyle: ''
  children: TextNode[]
}
export type LexicalDocument = {
  root: { type: 'root'; version: 1; direction: 'ltr'; format: ''; indent: 0; children: ParagraphNode[] }
}

export function paragraphsToLexical(paragraphs: string[]): LexicalDocument {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' }],
      })),
    },
  }
}

/** The plain paragraphs of a Lexical document (for hashing, JSON-LD and completeness checks). */
export function lexicalToParagraphs(doc: unknown): string[] {
  const root = (doc as { root?: { children?: unknown[] } } | null)?.root
  if (!root?.children) return []
  const textOf = (node: unknown): string => {
    const n = node as { text?: string; children?: unknown[] }
    if (typeof n.text === 'string') return n.text
    return (n.children ?? []).map(textOf).join('')
  }
  return root.children.map(textOf).filter((t) => t.trim() !== '')
}
