import type { LabelFunction } from 'payload'

import type { TranslationWorkflowTranslationKey } from '../translations'

import { PLUGIN_NAMESPACE } from '../constants'

type LooseT = (key: string, vars?: Record<string, unknown>) => string

/**
 * A label/description function reading the plugin's namespaced translation, as Payload's official
 * plugins do. Plugin keys are not part of Payload's typed keys, hence the cast.
 */
export const tl =
  (key: TranslationWorkflowTranslationKey): LabelFunction =>
  ({ t }) =>
    (t as unknown as LooseT)(`${PLUGIN_NAMESPACE}:${key}`)
