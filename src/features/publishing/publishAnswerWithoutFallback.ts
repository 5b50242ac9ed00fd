import type { CollectionBeforeOperationHook } from 'payload'

/**
 * The admin's Publish actions ("Publish in Deutsch": `publishSpecificLocale`, "Publish all
 * locales": `publishAllLocales`) are its only requests without `fallback-locale=null` (Payload
 * 3.90's PublishButton; Save draft, autosave, Unpublish and document reads send it). The edit view
 * builds its form state from the answer, so an empty German body showed the English one until a
 * reload (Payload #16303). Such a request from the admin's form (multipart with `_payload`) is
 * answered without fallback, as the admin's other saves are; API clients keep Payload's answer.
 */
export const publishAnswerWithoutFallback: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'update' || req.payloadAPI !== 'REST') return args
  const params = req.searchParams
  const publishes = params?.has('publishSpecificLocale') || params?.has('publishAllLocales')
  const asksFallback = params?.has('fallback-locale') || params?.has('fallbackLocale')
  const fromAdminForm = req.headers?.get('content-type')?.startsWith('multipart/form-data')
  if (publishes && !asksFallback && fromAdminForm) req.fallbackLocale = false
  return args
}
