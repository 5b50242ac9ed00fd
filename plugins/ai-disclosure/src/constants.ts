/**
 * Constants shared by the server part and the admin (client) components of the plugin.
 * This module must stay free of runtime imports from `payload` so client components can use it.
 */

/** Namespace of the plugin's translations (`t('ai-disclosure:…')`) and of its endpoints (`/api/ai-disclosure/…`). */
export const PLUGIN_NAMESPACE = 'ai-disclosure'

/** Slug of the consent global. */
export const CONSENT_GLOBAL_SLUG = 'consent'

/** Slug of the proof-of-consent collection. */
export const CONSENT_RECORDS_SLUG = 'consent-records'

/** Name of the group added to every opted-in text collection. */
export const AI_DISCLOSURE_GROUP = 'aiDisclosure'

/** Name of the computed, read-only badges field. */
export const BADGES_FIELD = 'badges'

/**
 * `req.context` key a read may carry when its text is shown in place of another locale's (a
 * fallback page) or not shown at all: `{ locale, hideText? }` (see `BadgesContext`). The badges are
 * then worded in `locale`'s language and describe the text actually shown.
 */
export const BADGES_CONTEXT = 'ai-disclosure.badges'
export type BadgesContext = {
  /** The language the page is in (the labels' language). */
  locale: string
  /** The read's texts are hidden from the reader: only image badges remain. */
  hideText?: boolean
}

/** GraphQL / TypeScript interface name of one badge. */
export const BADGE_INTERFACE_NAME = 'AiBadge'

/** Badge types. */
export const BADGE_TYPES = [
  'reported-by-ai',
  'ai-assisted',
  'machine-translated',
  'reviewed',
  'ai-image',
] as const
export type AIBadgeType = (typeof BADGE_TYPES)[number]

/** The IPTC scheme URI. Values stored in `digitalSourceType` are `${DIGITAL_SOURCE_TYPE_SCHEME}${term}`. */
export const DIGITAL_SOURCE_TYPE_SCHEME = 'http://cv.iptc.org/newscodes/digitalsourcetype/'

/**
 * The current terms of the IPTC Digital Source Type vocabulary
 * (https://cv.iptc.org/newscodes/digitalsourcetype/), in the order the admin select shows them.
 */
export const DIGITAL_SOURCE_TYPE_TERMS = [
  'digitalCapture',
  'computationalCapture',
  'negativeFilm',
  'positiveFilm',
  'print',
  'screenCapture',
  'humanEdits',
  'algorithmicallyEnhanced',
  'compositeCapture',
  'composite',
  'compositeSynthetic',
  'compositeWithTrainedAlgorithmicMedia',
  'trainedAlgorithmicMedia',
  'algorithmicMedia',
  'dataDrivenMedia',
  'digitalArt',
  'virtualRecording',
] as const
export type DigitalSourceTypeTerm = (typeof DIGITAL_SOURCE_TYPE_TERMS)[number]

/** Retired IPTC terms that are still accepted on input and mapped to their successor. */
const RETIRED_TERMS: Record<string, DigitalSourceTypeTerm> = {
  digitalCreation: 'digitalArt',
  minorHumanEdits: 'humanEdits',
}

/** Terms that mean "made or changed by generative AI" (they set `aiGenerated`). */
export const AI_DIGITAL_SOURCE_TYPE_TERMS: readonly DigitalSourceTypeTerm[] = [
  'trainedAlgorithmicMedia',
  'compositeWithTrainedAlgorithmicMedia',
]

/** The term used when an image is marked `aiGenerated` without a more precise type. */
export const DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM: DigitalSourceTypeTerm = 'trainedAlgorithmicMedia'

/** `trainedAlgorithmicMedia` → `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia` */
export const digitalSourceTypeURI = (term: DigitalSourceTypeTerm): string =>
  `${DIGITAL_SOURCE_TYPE_SCHEME}${term}`

/** All accepted stored values (the IPTC URIs). */
export const DIGITAL_SOURCE_TYPE_URIS: readonly string[] =
  DIGITAL_SOURCE_TYPE_TERMS.map(digitalSourceTypeURI)

/**
 * Returns the IPTC term of a value given as a term (`trainedAlgorithmicMedia`), an IPTC URI (http or
 * https) or a retired term; `undefined` for an unknown value.
 */
export const toDigitalSourceTypeTerm = (value: unknown): DigitalSourceTypeTerm | undefined => {
  if (typeof value !== 'string' || !value.trim()) {
    return undefined
  }
  const raw = value.trim().replace(/^https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\//, '')
  if ((DIGITAL_SOURCE_TYPE_TERMS as readonly string[]).includes(raw)) {
    return raw as DigitalSourceTypeTerm
  }
  return RETIRED_TERMS[raw]
}

/** Normalises a term / URI to the canonical IPTC URI; `null` for empty input, `undefined` for unknown input. */
export const normalizeDigitalSourceType = (value: unknown): null | string | undefined => {
  if (value === null || value === undefined || value === '') {
    return null
  }
  const term = toDigitalSourceTypeTerm(value)
  return term ? digitalSourceTypeURI(term) : undefined
}

/** Whether a term / URI denotes AI-generated or AI-composited media. */
export const isAIDigitalSourceType = (value: unknown): boolean => {
  const term = toDigitalSourceTypeTerm(value)
  return term ? AI_DIGITAL_SOURCE_TYPE_TERMS.includes(term) : false
}

const SCHEMA_ORG_NAMES: Partial<Record<DigitalSourceTypeTerm, string>> = {
  computationalCapture: 'MultiFrameComputationalCaptureDigitalSource',
  humanEdits: 'MinorHumanEditsDigitalSource',
}

/**
 * Maps a term / URI to the matching member of schema.org's `IPTCDigitalSourceEnumeration`,
 * e.g. `https://schema.org/TrainedAlgorithmicMediaDigitalSource`.
 */
export const toSchemaOrgDigitalSourceType = (value: unknown): string | undefined => {
  const term = toDigitalSourceTypeTerm(value)
  if (!term) {
    return undefined
  }
  const name = SCHEMA_ORG_NAMES[term] ?? `${term[0]!.toUpperCase()}${term.slice(1)}DigitalSource`
  return `https://schema.org/${name}`
}
