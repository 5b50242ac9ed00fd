import { XMLParser } from 'fast-xml-parser'

/** What an XMP packet says about how an image was made. */
export type XmpProvenance = {
  aiSystem?: string
  aiSystemVersion?: string
  creator?: string
  creatorTool?: string
  credit?: string
  digitalSourceType?: string
  prompt?: string
}

export const NS = {
  dc: 'http://purl.org/dc/elements/1.1/',
  iptcCore: 'http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/',
  iptcExt: 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xmp: 'http://ns.adobe.com/xap/1.0/',
} as const

/** The properties read, by namespace URI and local name (any prefix). */
const PROPERTIES: Array<[string, string, keyof XmpProvenance]> = [
  [NS.iptcExt, 'DigitalSourceType', 'digitalSourceType'],
  [NS.iptcExt, 'AISystemUsed', 'aiSystem'],
  [NS.iptcExt, 'AISystemVersionUsed', 'aiSystemVersion'],
  [NS.iptcExt, 'AIPromptInformation', 'prompt'],
  [NS.dc, 'creator', 'creator'],
  [NS.photoshop, 'Credit', 'credit'],
  [NS.xmp, 'CreatorTool', 'creatorTool'],
]

const parser = new XMLParser({
  attributeNamePrefix: '@',
  ignoreAttributes: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
})

export class XmpError extends Error {}

type Node = Record<string, unknown>
type Scope = Map<string, string>

const splitName = (name: string): [string, string] => {
  const colon = name.indexOf(':')
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)]
}

/** The text of a property value: simple, `rdf:resource`, or the items of an rdf:Seq/Bag/Alt. */
const textOf = (value: unknown, scope: Scope): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const parts = value.map((v) => textOf(v, scope)).filter(Boolean)
    return parts.length ? parts.join(', ') : undefined
  }
  if (!value || typeof value !== 'object') return undefined
  const node = value as Node
  const local = withDeclarations(node, scope)
  if (typeof node['#text'] === 'string' && node['#text'].trim()) return node['#text'].trim()
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@')) {
      const [prefix, name] = splitName(key.slice(1))
      if (local.get(prefix) === NS.rdf && name === 'resource') return textOf(child, local)
      continue
    }
    const [prefix, name] = splitName(key)
    if (local.get(prefix) !== NS.rdf) continue
    if (['Seq', 'Bag', 'Alt', 'li', 'Description'].includes(name)) {
      const text = textOf(child, local)
      if (text) return text
    }
    if (name === 'value') return textOf(child, local)
  }
  return undefined
}

/** The scope of a node: its parent's plus its own `xmlns:` declarations. */
const withDeclarations = (node: Node, scope: Scope): Scope => {
  let local = scope
  for (const [key, value] of Object.entries(node)) {
    if (key === '@xmlns' || key.startsWith('@xmlns:')) {
      if (local === scope) local = new Map(scope)
      local.set(key === '@xmlns' ? '' : key.slice(7), String(value))
    }
  }
  return local
}

/**
 * Reads the provenance properties of an XMP packet, matching namespaces by URI (any prefix) in both
 * the attribute form (`<rdf:Description Iptc4xmpExt:DigitalSourceType="…">`) and the element form.
 */
export const parseXmp = (packet: string): XmpProvenance => {
  // XMP forbids DTDs (XMP spec part 1, 7.3); refusing them also rules out entity expansion
  if (/<!DOCTYPE|<!ENTITY/i.test(packet)) {
    throw new XmpError('the XMP packet has a DTD, which XMP does not allow')
  }
  let tree: unknown
  try {
    tree = parser.parse(packet, true)
  } catch (err) {
    throw new XmpError(
      `the XMP packet is not well-formed XML (${(err as Error).message.split('\n')[0]})`,
    )
  }
  const found: XmpProvenance = {}
  const visit = (value: unknown, scope: Scope, depth: number): void => {
    if (depth > 64 || !value || typeof value !== 'object') return
    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, scope, depth + 1))
      return
    }
    const node = value as Node
    const local = withDeclarations(node, scope)
    for (const [key, entry] of Object.entries(node)) {
      if (key === '#text' || key.startsWith('@xmlns')) continue
      const isAttribute = key.startsWith('@')
      const [prefix, name] = splitName(isAttribute ? key.slice(1) : key)
      // an element may declare its own prefix (`<q:DigitalSourceType xmlns:q="…">`)
      for (const child of !isAttribute && Array.isArray(entry) ? entry : [entry]) {
        const own =
          !isAttribute && child && typeof child === 'object'
            ? withDeclarations(child as Node, local)
            : local
        const uri = own.get(prefix)
        const property = PROPERTIES.find(([ns, localName]) => ns === uri && localName === name)
        if (property && found[property[2]] === undefined) {
          const text = textOf(child, local)
          if (text) found[property[2]] = text
        }
        if (!isAttribute) visit(child, local, depth + 1)
      }
    }
  }
  visit(tree, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0)
  return found
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * An XMP packet for a derived copy: digital source type, AI system and credit (nothing else, so no
 * location or camera data travels with it).
 */
export const buildXmp = (fields: {
  aiSystem?: null | string
  credit?: null | string
  digitalSourceType?: null | string
}): string | undefined => {
  const properties = [
    fields.digitalSourceType &&
      `<Iptc4xmpExt:DigitalSourceType rdf:resource="${escapeXml(fields.digitalSourceType)}"/>`,
    fields.aiSystem &&
      `<Iptc4xmpExt:AISystemUsed>${escapeXml(fields.aiSystem)}</Iptc4xmpExt:AISystemUsed>`,
    fields.credit && `<photoshop:Credit>${escapeXml(fields.credit)}</photoshop:Credit>`,
  ].filter(Boolean)
  if (!properties.length) return undefined
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${NS.rdf}"><rdf:Description rdf:about="" xmlns:Iptc4xmpExt="${NS.iptcExt}" xmlns:photoshop="${NS.photoshop}">${properties.join('')}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
}
