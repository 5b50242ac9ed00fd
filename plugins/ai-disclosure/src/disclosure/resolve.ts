/**
 * The one label resolver: what readers, JSON-LD, the API badges, feeds and search show for the text
 * of a document in one locale. Pure: it reads only the document it is given (no queries).
 */
import { AI_DISCLOSURE_GROUP } from '../constants'
import { textsFor } from './labelTexts'
import {
  isAIOrigin,
  isOrigin,
  originSourceTypeURI,
  REVIEW_GROUP,
  type Origin,
  type PublishRule,
} from './origins'

export type DisclosureLabelKind =
  'reported-by-ai' | 'ai-assisted' | 'machine-translated' | 'reviewed'

export type ResolvedDisclosure = {
  /** The locale whose text (and state) this is: `shownLocale` when given, else `locale`. */
  locale: string
  origin: Origin
  /** Full IPTC URI (see ORIGIN_SOURCE_TYPE). */
  digitalSourceType: string
  /** Readers must see a label. */
  labelled: boolean
  /** A review of exactly the current text exists. */
  reviewed: boolean
  /** A review exists but the text changed since. */
  stale: boolean
  /** The labels to show, worded in the language of `locale` (the page's language). */
  labels: { kind: string; text: string }[]
}

export type ResolveDisclosureOptions = {
  /**
   * The locale whose text is actually shown when it differs from `locale` (a fallback page). The
   * caller passes the document whose `aiDisclosure` group is that locale's (e.g. the read with
   * fallback, or the source locale's read); the labels stay in `locale`'s language.
   */
  shownLocale?: string
  /** Default `label-always`. */
  rule?: PublishRule
}

type AnyRecord = Record<string, unknown>

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined

/** The review state of a disclosure group: `current` only when the review's hash is the text's. */
export const reviewState = (group: AnyRecord | undefined): 'current' | 'none' | 'stale' => {
  const review = (group?.[REVIEW_GROUP] ?? undefined) as AnyRecord | undefined
  const hash = str(review?.hash)
  if (!hash) return 'none'
  return hash === str(group?.textHash) ? 'current' : 'stale'
}

export const resolveDisclosure = (
  doc: AnyRecord,
  locale: string,
  options: ResolveDisclosureOptions = {},
): ResolvedDisclosure => {
  const group = (doc?.[AI_DISCLOSURE_GROUP] ?? undefined) as AnyRecord | undefined
  const origin: Origin = isOrigin(group?.origin) ? group.origin : 'human'
  const state = reviewState(group)
  const reviewed = state === 'current'
  const ai = isAIOrigin(origin)
  const exempt =
    options.rule === 'exempt-when-reviewed' &&
    reviewed &&
    Boolean(str(group?.editorialResponsibility))
  const labelled = ai && !exempt
  const texts = textsFor(locale)
  const labels: ResolvedDisclosure['labels'] = []
  if (labelled) {
    if (origin === 'ai-generated') {
      labels.push({ kind: 'reported-by-ai', text: texts['reported-by-ai'] })
    } else if (origin === 'ai-assisted') {
      labels.push({ kind: 'ai-assisted', text: texts['ai-assisted'] })
    } else {
      const source = str(group?.sourceLocale)
      const from = source ? (texts.from[source] ?? source) : undefined
      labels.push({
        kind: 'machine-translated',
        text: from
          ? texts['machine-translated'].replace('{from}', from)
          : texts['machine-translated-unknown'],
      })
    }
    if (reviewed) labels.push({ kind: 'reviewed', text: texts.reviewed })
  }
  return {
    locale: options.shownLocale ?? locale,
    origin,
    digitalSourceType: originSourceTypeURI(origin),
    labelled,
    reviewed,
    stale: state === 'stale',
    labels,
  }
}
