/**
 * Which link targets the site stores and renders: http(s), mailto and relative URLs. Decided by the
 * URL parser browsers use (so `java\tscript:`, ` javascript:` or `JAVASCRIPT:` are what they are to a
 * browser), resolved against a placeholder base so that relative URLs count as http(s).
 */
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:']
export const LINK_RULE = 'Links must be http(s), mailto or relative URLs.'

export function isAllowedLink(url: unknown): boolean {
  if (typeof url !== 'string') return false
  try {
    return LINK_PROTOCOLS.includes(new URL(url, 'https://relative.invalid').protocol)
  } catch {
    return false
  }
}

type LexicalNode = {
  type?: unknown
  fields?: { url?: unknown; linkType?: unknown }
  children?: unknown
}

/** The URLs of a Lexical value's link and autolink nodes that are not allowed (iteratively). */
export function disallowedLinks(richText: unknown): string[] {
  const found: string[] = []
  const stack: unknown[] = [(richText as { root?: unknown } | null)?.root]
  while (stack.length) {
    const node = stack.pop() as LexicalNode | undefined
    if (!node || typeof node !== 'object') continue
    const url = node.fields?.url
    if (
      (node.type === 'link' || node.type === 'autolink') &&
      node.fields?.linkType !== 'internal' &&
      url !== undefined &&
      url !== null &&
      url !== '' &&
      !isAllowedLink(url)
    )
      found.push(String(url))
    if (Array.isArray(node.children)) stack.push(...node.children)
  }
  return found
}
