import type { PayloadRequest } from 'payload'
import { aiDisclosurePlugin } from 'payload-plugin-ai-disclosure'

import { isAdmin, isAdminOrEditor } from './access'
import { LOCALES } from './locales'
import type { Locale } from './payload-types'

// Badge labels come from the site's Locale documents, so editors change them in one place. Read
// straight from the database adapter (once per request that shows a badge): Locale documents are
// public and have no read hooks, so a Local API operation would only add overhead.
const labelsFromLocaleDocs = async ({ req, locale }: { req: PayloadRequest; locale: string }) => {
  const doc = await req.payload.db.findOne<Locale>({
    collection: 'locales',
    where: { code: { equals: locale } },
    select: { labels: true },
    req,
  })
  const labels = doc?.labels
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
