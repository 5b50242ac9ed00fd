// Client components, referenced as 'payload-plugin-translation-workflow/client#<Name>'.
export { SourceDocumentTitleClient } from '../components/SourceDocumentTitleClient'
export { SourceText } from '../components/SourceText'
export { StatusPill } from '../components/StatusPill'
export { TranslationStatusCell } from '../components/TranslationStatusCell'
