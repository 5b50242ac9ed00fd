import type { PayloadRequest } from 'payload'
import { aiDisclosurePlugin } from 'payload-plugin-ai-disclosure'

import { isAdmin, isAdminOrEditor } from './access'
import { LOCALES } from './locales'

// Badge labels come from the site's Locale documents, so editors change them in one place.
const labelsFromLocaleDocs = async ({ req, locale }: { req: PayloadRequest; locale: string }) => {
  const { docs } = await req.payload.find({
    collection: 'locales',
    where: { code: { equals: locale } },
    limit: 1,
    pagination: false, // no count query
    select: { labels: true },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const labels = docs[0]?.labels
  return labels ? { reportedByAI: labels.aiTextBadge, aiImage: labels.aiImageBadge } : undefined
}

/** The AI-disclosure plugin as this app uses it (see plugins/ai-disclosure/README.md). */
export const aiDisclosure = aiDisclosurePlugin({
  collections: ['articles', 'related-articles'],
  imageCollections: ['images'],
  resolveLabels: labelsFromLocaleDocs,
  consent: {
    // Banner texts start from the Locale documents' defaults; the importer fills in the scraped ones.
    defaults: Object.fromEntries(
      LOCALES.map((l) => [
        l.code,
        { title: l.labels.consentHeading, acceptLabel: l.labels.consentAcceptLabel, rejectLabel: l.labels.consentRejectLabel },
      ]),
    ),
  },
  access: { manageConsent: isAdminOrEditor, readConsentRecords: isAdmin },
})
