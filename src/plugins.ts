import type { Plugin, PayloadRequest } from 'payload'
import {
  aiDisclosurePlugin,
  logPublicationChange,
  type KeepAcrossRequests,
} from 'payload-plugin-ai-disclosure'
import { translationWorkflowPlugin } from 'payload-plugin-translation-workflow'

import {
  accountsPlugin,
  resetLinksFromPublicUrl,
  versionsFollowDraftAccess,
} from './features/accounts/plugin'
import { imagesPlugin } from './features/images/plugin'
import { languagesPlugin } from './features/languages/plugin'
import { limitsPlugin } from './features/limits/plugin'
import { publishingPlugin } from './features/publishing/plugin'
import { onLocalePublicationChange } from './features/publishing/localePublication'
import { taggedMemo } from './features/cache/memo'
import { docTag, responseCachePlugin } from './features/cache/plugin'
import {
  isAdmin,
  isAdminOrEditor,
  isTranslatorOnly,
  mayReadDrafts,
  translatorLocales,
} from './features/accounts/roles'
import { memoryCounterStore } from './features/limits/keyedStore'
import { publicImage } from './features/images/publicImage'
import { LOCALES } from './features/languages/locales'
import type { Locale } from './payload-types'
import { readerPreview } from './features/site/plugin'
import { syndicationPlugin } from './features/syndication/plugin'
import { DISCLOSURE_RULE } from './features/site/disclosureRule'
import { searchPlugin } from './features/search/plugin'

// The app's plugins, configured in one place (see plugins/*/README.md).

// Badge labels come from the site's Locale documents, so editors change them in one place. Read
// straight from the database adapter (Locale documents are public and have no read hooks) once per
// change: kept until a write to a Locale document purges the `locales` tag (src/features/cache/memo.ts).
const labelsFromLocaleDocs = ({ req, locale }: { req: PayloadRequest; locale: string }) =>
  taggedMemo().remember(req, `labels:${locale}`, ['locales'], async () => {
    const doc = await req.payload.db.findOne<Locale>({
      collection: 'locales',
      where: { code: { equals: locale } },
      select: { labels: true },
      req,
    })
    const labels = doc?.labels
    return labels ? { reportedByAI: labels.aiTextBadge, aiImage: labels.aiImageBadge } : undefined
  })

// An image's AI provenance, for badges of texts that show it unpopulated: kept until that image
// changes (its tag is purged).
const keepAcrossRequests: KeepAcrossRequests = ({ collection, compute, id, key, req }) =>
  taggedMemo().remember(req, key, [docTag(collection, id)], compute)

// Every per-locale publish and unpublish goes to the disclosure log with the label that went live.
onLocalePublicationChange(({ collection, id, locale, to, req }) =>
  logPublicationChange({ collection, id, locale, live: to, req, rule: DISCLOSURE_RULE }),
)

/** The AI-disclosure plugin as this app uses it (see plugins/ai-disclosure/README.md). */
const aiDisclosure = aiDisclosurePlugin({
  collections: ['articles', 'related-articles'],
  imageCollections: ['images'],
  publishRule: DISCLOSURE_RULE,
  refuseUnreviewed: false,
  // accounts an AI system writes through (Users.aiSystem, set by admins)
  aiAuthors: (user) => {
    const system = (user as { aiSystem?: string | null } | null)?.aiSystem
    return system ? { system } : false
  },
  // articles per locale (docs/publishing.md); teasers have no drafts: always public
  isLive: (doc, locale) => {
    const publication = doc.publication as Record<string, { live?: boolean }> | undefined
    return publication ? publication[locale]?.live === true : true
  },
  resolveLabels: labelsFromLocaleDocs,
  keepAcrossRequests,
  // contentUrl: the copy anyone may fetch (src/features/images/publicImage.ts)
  jsonLd: { publicImage: (image) => publicImage(image) },
  consent: {
    // Counted in the app's bounded keyed store (src/features/limits/keyedStore.ts), like the login limits.
    rateLimit: { max: 10, window: 60_000, store: memoryCounterStore({ maxBytes: 1024 * 1024 }) },
    // Banner texts start from the Locale documents' defaults; the importer fills in the scraped ones.
    defaults: Object.fromEntries(
      LOCALES.map((l) => [
        l.code,
        {
          title: l.labels.consentHeading,
          acceptLabel: l.labels.consentAcceptLabel,
          rejectLabel: l.labels.consentRejectLabel,
        },
      ]),
    ),
  },
  access: {
    manageConsent: isAdminOrEditor,
    readConsentRecords: isAdmin,
    // Rewrites every image's provenance and labels: an editor's action (docs/accounts.md).
    backfillProvenance: isAdminOrEditor,
    approve: isAdminOrEditor,
    readDisclosureLog: isAdminOrEditor,
  },
})

/** The translation workflow as this app uses it (see plugins/translation-workflow/README.md). */
const translationWorkflow = translationWorkflowPlugin({
  collections: ['articles', 'related-articles'],
  translatableCollections: ['articles', 'related-articles', 'images'],
  sourceLanguageField: { field: 'language', collection: 'locales', codeField: 'code' },
  translatorLocales: (user) => (isTranslatorOnly(user) ? translatorLocales(user) : null),
  // Every locale's state, also of a locale that is not published yet: for those who see drafts.
  statusReadAccess: ({ req }) => mayReadDrafts(req.user),
})

/** Sitemaps, Google News sitemaps, feeds and ninjs (docs/syndication.md): the one place for their settings. */
const syndication = syndicationPlugin({
  publications: {
    en: {
      name: 'AI Newsroom',
      description: 'News from the AI Newsroom, in English.',
      language: 'en-GB',
    },
    de: {
      name: 'AI Newsroom',
      description: 'Nachrichten aus dem AI Newsroom, auf Deutsch.',
      language: 'de-DE',
    },
  },
  feedItems: 50,
  fullText: true,
  newsWindowHours: 48,
  newsPerFile: 1000,
  sitemapMaxUrls: 50_000,
})

/**
 * In order: the newsroom's features first (each in src/features/<feature>/plugin.ts; each
 * collection names those that extend it), so that the published plugins and the guards after them
 * see each collection as it is meant to be; their start-up steps run before the app's own `onInit`,
 * the last installed first (the Locale documents, then the `live` back-fill). Then the published
 * plugins (the translator rules also cover the fields added before them); the reader preview adds
 * live-preview settings to the finished collections. The next three extend every collection and
 * global, also those the others added: versions follow the draft rules; the request limits cover
 * every field and refuse an invalid Authorization credential before any other hook runs; the
 * response cache tags and purges. Reset links cover every auth collection.
 */
export const plugins: Plugin[] = [
  publishingPlugin({ collections: ['articles'] }),
  languagesPlugin({ collections: ['articles', 'related-articles'] }),
  imagesPlugin({ collection: 'images', heroImageFields: { articles: 'heroImage' } }),
  accountsPlugin({ collection: 'users' }),
  aiDisclosure,
  translationWorkflow,
  readerPreview,
  syndication,
  searchPlugin(),
  versionsFollowDraftAccess,
  limitsPlugin(),
  responseCachePlugin(),
  resetLinksFromPublicUrl,
]
