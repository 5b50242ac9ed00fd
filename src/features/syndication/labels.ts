// Shim of the label resolver issue 28 builds in payload-plugin-ai-disclosure (same signature, same
// result type), derived from today's fields: `aiDisclosure.reportedByAI` / `.humanReviewed` and the
// `badges` of the document as read in that locale. At merge this file becomes
// `export { resolveDisclosure, type ResolvedDisclosure } from 'payload-plugin-ai-disclosure'`.
const SCHEME = 'http://cv.iptc.org/newscodes/digitalsourcetype/'

export type ResolvedDisclosure = {
  locale: string
  origin: 'human' | 'ai-generated' | 'ai-assisted' | 'machine-translated' | 'human-translated'
  /** full IPTC URI */
  digitalSourceType: string
  labelled: boolean
  reviewed: boolean
  stale: boolean
  /** text in that locale's language */
  labels: { kind: string; text: string }[]
}

/** Pure: reads only `doc` (as read in `locale`). */
export function resolveDisclosure(
  doc: Record<string, unknown>,
  locale: string,
  options?: { shownLocale?: string; rule?: 'label-always' | 'exempt-when-reviewed' },
): ResolvedDisclosure {
  const disclosure = (doc.aiDisclosure ?? {}) as { reportedByAI?: unknown; humanReviewed?: unknown }
  const ai = disclosure.reportedByAI === true
  const reviewed = disclosure.humanReviewed === true
  const badges = Array.isArray(doc.badges)
    ? (doc.badges as { type?: unknown; label?: unknown }[])
    : []
  const exempt = options?.rule === 'exempt-when-reviewed' && reviewed
  // The text's own label; the image's (`ai-image`) travels with the image.
  const labels = exempt
    ? []
    : badges
        .filter((b) => b.type === 'reported-by-ai' && typeof b.label === 'string' && b.label)
        .map((b) => ({ kind: String(b.type), text: String(b.label) }))
  const origin = ai ? (reviewed ? 'ai-assisted' : 'ai-generated') : 'human'
  const term =
    origin === 'ai-generated'
      ? 'trainedAlgorithmicMedia'
      : origin === 'ai-assisted'
        ? 'compositeWithTrainedAlgorithmicMedia'
        : 'digitalArt' // "created by a human using digital tools"
  return {
    locale: options?.shownLocale ?? locale,
    origin,
    digitalSourceType: `${SCHEME}${term}`,
    labelled: labels.length > 0,
    reviewed,
    stale: false,
    labels,
  }
}
