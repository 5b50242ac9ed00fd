import type { ImageProvenance } from './types'

import {
  AI_DIGITAL_SOURCE_TYPE_TERMS,
  DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM,
  digitalSourceTypeURI,
  isAIDigitalSourceType,
  normalizeDigitalSourceType,
} from '../constants'

/** Whether what the file says means "made by generative AI". */
export const evidenceSaysAI = (evidence: null | Partial<ImageProvenance> | undefined): boolean =>
  Boolean(evidence && isAIDigitalSourceType(evidence.digitalSourceType))

export type LabelProblem = {
  /** Translation key of the message (`ai-disclosure:…`). */
  key: 'errorOverrideReason' | 'errorTypeConflict' | 'errorTickConflict'
  path: 'aiGenerated' | 'aiOverrideReason' | 'digitalSourceType'
  vars?: Record<string, string>
}

export type LabelResult = {
  aiGenerated: boolean
  aiSystem: null | string | undefined
  digitalSourceType: null | string
  problems: LabelProblem[]
}

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim())

const AI_TYPES = AI_DIGITAL_SOURCE_TYPE_TERMS.join(', ')

/**
 * The AI labels an image is saved with, from what the editor sent (`data`, possibly partial), the
 * stored document, and the file's evidence.
 *
 * - The side that changed decides the stale one (an API client sending only
 *   `digitalSourceType: …digitalCapture` gets `aiGenerated: false` back). Two changes that
 *   contradict, or choosing a type that is not AI while the box is sent ticked, are a problem
 *   for the editor to resolve: nothing silently unticks an AI label.
 * - `aiGenerated` without an AI type gets `trainedAlgorithmicMedia`.
 * - A file that says it is AI-made fills the labels (a new upload's unticked default box does not
 *   count as a choice); `aiGenerated: false` against it needs `aiOverrideReason`.
 * - The AI system and an empty type are filled from the file when the editor left them empty.
 */
export const resolveLabels = ({
  data,
  evidence,
  newFile,
  originalDoc,
  sent,
}: {
  data: Record<string, unknown>
  /**
   * The keys the client sent (Payload fills the others from the stored document before
   * validation); default: the keys of `data`.
   */
  sent?: ReadonlySet<string>
  evidence: null | Partial<ImageProvenance> | undefined
  /** The evidence comes with the file of this save (upload or replacement). */
  newFile: boolean
  originalDoc?: null | Record<string, unknown>
}): LabelResult => {
  const problems: LabelProblem[] = []
  const isSent = (key: string) => (sent ? sent.has(key) : data[key] !== undefined)
  const typeSent = isSent('digitalSourceType') && data.digitalSourceType !== undefined
  const aiSent =
    isSent('aiGenerated') && data.aiGenerated !== undefined && data.aiGenerated !== null
  const previousType = normalizeDigitalSourceType(originalDoc?.digitalSourceType) ?? null
  const previousAI = Boolean(originalDoc?.aiGenerated)
  if (typeSent && normalizeDigitalSourceType(data.digitalSourceType) === undefined) {
    // an unknown value: left as sent for the field's validation to reject
    return {
      aiGenerated: Boolean(data.aiGenerated ?? previousAI),
      aiSystem: undefined,
      digitalSourceType: data.digitalSourceType as string,
      problems: [],
    }
  }
  let type = typeSent ? (normalizeDigitalSourceType(data.digitalSourceType) ?? null) : previousType
  let ai = aiSent ? Boolean(data.aiGenerated) : previousAI
  const reason =
    data.aiOverrideReason !== undefined ? data.aiOverrideReason : originalDoc?.aiOverrideReason
  const overridden = !blank(reason)
  const fileSaysAI = evidenceSaysAI(evidence)

  if (fileSaysAI && newFile && !overridden && !ai && (!type || isAIDigitalSourceType(type))) {
    // a new upload: the unticked box is the form's default, not a choice
    ai = true
  }
  if (newFile && evidence?.digitalSourceType && type === null) {
    const fromFile = normalizeDigitalSourceType(evidence.digitalSourceType)
    if (fromFile && isAIDigitalSourceType(fromFile) === ai) type = fromFile
  }

  if (type && isAIDigitalSourceType(type) !== ai) {
    const typeChanged = typeSent && type !== previousType
    const aiChanged = aiSent && ai !== previousAI
    if ((typeChanged && aiChanged) || (typeChanged && aiSent && ai)) {
      // two explicit choices that contradict, or a ticked box left ticked while choosing a type
      // that is not AI: the editor decides, not the hook
      problems.push({
        key: ai ? 'errorTickConflict' : 'errorTypeConflict',
        path: 'digitalSourceType',
        vars: { aiTypes: AI_TYPES },
      })
    } else if (typeChanged) {
      ai = isAIDigitalSourceType(type)
    } else if (ai) {
      type = digitalSourceTypeURI(DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM)
    } else if (aiChanged) {
      type = null
    } else {
      // stored values that disagree (older data): keep the AI label
      ai = true
    }
  } else if (ai && !type) {
    type = digitalSourceTypeURI(DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM)
  }

  if (fileSaysAI && !ai && !overridden) {
    problems.push({ key: 'errorOverrideReason', path: 'aiOverrideReason' })
  }

  const aiSystemSent = data.aiSystem !== undefined
  const currentSystem = aiSystemSent ? data.aiSystem : originalDoc?.aiSystem
  const aiSystem =
    newFile && blank(currentSystem) && evidence?.aiSystem
      ? [evidence.aiSystem, evidence.aiSystemVersion].filter(Boolean).join(' ')
      : (currentSystem as null | string | undefined)

  return { aiGenerated: ai, aiSystem, digitalSourceType: type, problems }
}
