import type { GenericTranslationsObject } from '@payloadcms/translations'

import { de } from './de'
import { en } from './en'

/** The plugin's admin translations (en, de), under the `translation-workflow` namespace. */
export const translations: Record<'de' | 'en', GenericTranslationsObject> = { de, en }

/** Keys of the plugin's translations (without the `translation-workflow:` prefix). */
export type TranslationWorkflowTranslationKey = keyof (typeof en)['translation-workflow']
