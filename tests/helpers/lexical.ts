import { paragraphsToLexical } from '../../src/utilities/richtext'

/** A body of one paragraph whose only child is a link (or autolink) with these fields. */
export function linkDocument(
  fields: Record<string, unknown>,
  { type = 'link', text = 'the link' }: { type?: 'link' | 'autolink'; text?: string } = {},
) {
  const { root } = paragraphsToLexical([text])
  const [paragraph] = root.children
  const link = {
    type,
    version: 3,
    direction: null,
    format: '',
    indent: 0,
    fields,
    children: paragraph.children,
  }
  return { root: { ...root, children: [{ ...paragraph, children: [link] }] } }
}
