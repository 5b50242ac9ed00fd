// Minimal Lexical documents for plain paragraphs (what the importer and tests write into `body`).
// Reading text back out is `lexicalToBlocks` of the translation-workflow plugin.

type TextNode = {
  type: 'text'
  text: string
  version: 1
  detail: 0
  format: 0
  mode: 'normal'
  style: ''
}
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
  root: {
    type: 'root'
    version: 1
    direction: 'ltr'
    format: ''
    indent: 0
    children: ParagraphNode[]
  }
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
        children: [
          { type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' },
        ],
      })),
    },
  }
}
