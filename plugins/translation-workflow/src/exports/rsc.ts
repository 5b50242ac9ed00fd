// Server components, referenced as 'payload-plugin-translation-workflow/rsc#<Name>'.
export {
  loadMissingTranslations,
  MissingTranslations,
  MissingTranslationsView,
} from '../components/MissingTranslations'
export type {
  CollectionSummary,
  MissingTranslationsOptions,
  PendingDoc,
} from '../components/MissingTranslations'
export { SourceTitleCell, sourceTitleFor } from '../components/SourceTitleCell'
