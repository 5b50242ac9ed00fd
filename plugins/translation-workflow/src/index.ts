export { translationWorkflowPlugin } from './plugin'
export type { SourceLanguageField, TranslationWorkflowPluginOptions } from './types'
export {
  CREATE_DENIED_PATH,
  CREATE_DENIED_VIEW,
  effectiveStatus,
  normalizeStatus,
  PLUGIN_NAMESPACE,
  SOURCE_HASH_FIELD,
  STATUS_FIELD,
  TRANSLATION_STATUSES,
} from './constants'
export type { TranslationStatus } from './constants'
export { TRANSLATORS_CANNOT_CREATE } from './hooks/translatorGuard'
export { translationStatusFields } from './fields/translationStatus'
export { SOURCE_TEXT_COMPONENT, withSourceText } from './fields/withSourceText'
export { requiredInSomeLocale } from './validators/requiredInSomeLocale'
export { lexicalToBlocks } from './utilities/shared'
export { loadMissingTranslations } from './utilities/missingTranslations'
export type { CollectionSummary, PendingDoc } from './utilities/missingTranslations'
export { translations } from './translations'
export type { TranslationWorkflowTranslationKey } from './translations'
// Hook-free, for server and client alike.
export { StatusPill } from './components/StatusPill'
