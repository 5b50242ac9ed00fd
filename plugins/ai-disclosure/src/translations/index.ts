import type { GenericTranslationsObject } from '@payloadcms/translations'

import { de } from './de'
import { en } from './en'

/** The plugin's admin translations (en, de), under the `ai-disclosure` namespace. */
export const translations: Record<'de' | 'en', GenericTranslationsObject> = { de, en }

/** Keys of the plugin's translations (without the `ai-disclosure:` prefix). */
export type AIDisclosureTranslationKey = keyof (typeof en)['ai-disclosure']
