/**
 * The origins of a text in one locale and how they map to the IPTC digital source types.
 * Pure and free of `payload` imports: client components and the resolver use it.
 */
import { digitalSourceTypeURI, type DigitalSourceTypeTerm } from '../constants'

export const ORIGINS = [
  'human',
  'ai-generated',
  'ai-assisted',
  'machine-translated',
  'human-translated',
] as const
export type Origin = (typeof ORIGINS)[number]

/** Origins that need a label unless a current review exempts them (rule `exempt-when-reviewed`). */
export const AI_ORIGINS: readonly Origin[] = ['ai-generated', 'ai-assisted', 'machine-translated']

export const isOrigin = (value: unknown): value is Origin =>
  typeof value === 'string' && (ORIGINS as readonly string[]).includes(value)

export const isAIOrigin = (value: unknown): boolean => isOrigin(value) && AI_ORIGINS.includes(value)

/**
 * IPTC digital source type per origin (https://cv.iptc.org/newscodes/digitalsourcetype/). IPTC has
 * no term for written-by-a-person text or for translation; we use:
 * - `ai-generated` → `trainedAlgorithmicMedia` (made by a generative model);
 * - `ai-assisted` → `compositeWithTrainedAlgorithmicMedia` (human text with generated parts);
 * - `machine-translated` → `trainedAlgorithmicMedia` (the wording is a model's output);
 * - `human`, `human-translated` → `humanEdits` (the words are a person's).
 */
export const ORIGIN_SOURCE_TYPE: Record<Origin, DigitalSourceTypeTerm> = {
  human: 'humanEdits',
  'ai-generated': 'trainedAlgorithmicMedia',
  'ai-assisted': 'compositeWithTrainedAlgorithmicMedia',
  'machine-translated': 'trainedAlgorithmicMedia',
  'human-translated': 'humanEdits',
}

export const originSourceTypeURI = (origin: Origin): string =>
  digitalSourceTypeURI(ORIGIN_SOURCE_TYPE[origin])

export const PUBLISH_RULES = ['label-always', 'exempt-when-reviewed'] as const
export type PublishRule = (typeof PUBLISH_RULES)[number]

/** Name of the localized disclosure group's review subgroup. */
export const REVIEW_GROUP = 'review'
