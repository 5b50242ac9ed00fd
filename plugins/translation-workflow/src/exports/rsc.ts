// Server components, referenced as 'payload-plugin-translation-workflow/rsc#<Name>'.
export { MissingTranslations, MissingTranslationsView } from '../components/MissingTranslations'
export { defaultCell } from '../components/defaultCell'
export { CreateDeniedView } from '../components/CreateDeniedView'
export { SourceDocumentTitle } from '../components/SourceDocumentTitle'
export { SourceTitleCell, sourceTitleFor } from '../components/SourceTitleCell'
export { loadMissingTranslations } from '../utilities/missingTranslations'
export type {
  CollectionSummary,
  MissingTranslationsOptions,
  PendingDoc,
} from '../utilities/missingTranslations'
