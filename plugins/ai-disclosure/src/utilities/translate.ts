import type { LabelFunction } from 'payload'

import type { AIDisclosureTranslationKey } from '../translations'

import { PLUGIN_NAMESPACE } from '../constants'
import { translations } from '../translations'

type LooseT = (key: string, vars?: Record<string, unknown>) => string

/**
 * A label/description function reading the plugin's namespaced translation, as Payload's official
 * plugins do (`({ t }) => t('plugin:key')`). Plugin keys are not part of Payload's typed keys, hence the cast.
 */
export const tl =
  (key: AIDisclosureTranslationKey): LabelFunction =>
  ({ t }) =>
    (t as unknown as LooseT)(`${PLUGIN_NAMESPACE}:${key}`)

/**
 * A static `{ en, de }` label, for the places where Payload takes no label function (global and
 * collection labels). User translations of the key do not apply there.
 */
export const staticLabel = (key: AIDisclosureTranslationKey): Record<string, string> =>
  Object.fromEntries(
    Object.entries(translations).map(([language, namespaces]) => [
      language,
      (namespaces[PLUGIN_NAMESPACE] as Record<string, string>)[key]!,
    ]),
  )

/** A description function for collections and globals (`({ t }) => string`). */
export const td =
  (key: AIDisclosureTranslationKey) =>
  ({ t }: { t: unknown }): string =>
    (t as LooseT)(`${PLUGIN_NAMESPACE}:${key}`)
