// A stand-in for the label resolver of payload-plugin-ai-disclosure (issue 28), with its exact
// signature, derived from today's fields (`aiDisclosure.reportedByAI`, `badges`): at merge this
// file becomes `export { resolveDisclosure, type ResolvedDisclosure } from 'payload-plugin-ai-disclosure'`.

export type ResolvedDisclosure = {
  locale: string
  origin: 'human' | 'ai-generated' | 'ai-assisted' | 'machine-translated' | 'human-translated'
  /** Full IPTC URI. */
  digitalSourceType: string
  labelled: boolean
  reviewed: boolean
  stale: boolean
  /** Text in that locale's language. */
  labels: { kind: string; text: string }[]
}

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/'

/** Pure: reads only `doc` (the document as read in `locale`). */
export function resolveDisclosure(
  doc: Record<string, unknown>,
  locale: string,
  options?: { shownLocale?: string; rule?: 'label-always' | 'exempt-when-reviewed' },
): ResolvedDisclosure {
  const disclosure = (doc.aiDisclosure ?? {}) as { reportedByAI?: unknown; humanReviewed?: unknown }
  const badges = Array.isArray(doc.badges)
    ? (doc.badges as { type?: unknown; label?: unknown }[])
    : []
  const textBadge = badges.find((b) => b?.type === 'reported-by-ai')
  const ai = disclosure.reportedByAI === true || Boolean(textBadge)
  const reviewed = disclosure.humanReviewed === true
  const labelled = ai && !(options?.rule === 'exempt-when-reviewed' && reviewed)
  return {
    locale: options?.shownLocale ?? locale,
    origin: ai ? 'ai-generated' : 'human',
    digitalSourceType: `${IPTC}${ai ? 'trainedAlgorithmicMedia' : 'humanEdits'}`,
    labelled,
    reviewed,
    stale: false,
    labels:
      labelled && typeof textBadge?.label === 'string'
        ? [{ kind: 'reported-by-ai', text: textBadge.label }]
        : [],
  }
}
