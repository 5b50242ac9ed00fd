import type { PublicImageResolver } from './jsonLd/buildNewsArticleJsonLd'
import type { RateLimitStore } from './utilities/rateLimit'
import type { ProvenanceOptions } from './provenance/types'
import type {
  Access,
  CollectionConfig,
  CollectionSlug,
  GlobalConfig,
  PayloadRequest,
} from 'payload'

import type { AIBadgeType } from './constants'

/**
 * What `aiAuthors` says of a user: `false`/`undefined` for a person, `true` or the system (and
 * version) for an AI system whose writes are `ai-generated` unless it declares another origin.
 */
export type AIAuthor = { system?: string; version?: string } | boolean | null | undefined

/** The two badge labels, per locale. */
export type AIDisclosureLabels = {
  /** Label of the `ai-image` badge, e.g. "Bild generiert von KI". */
  aiImage: string
  /** Label of the `reported-by-ai` badge, e.g. "Von KI berichtet". */
  reportedByAI: string
}

/** One entry of the computed `badges` field. */
export type AIBadge = {
  /** The label in the requested locale. */
  label: string
  type: AIBadgeType
}

/** Arguments of {@link AIDisclosurePluginOptions.resolveLabels}. */
export type ResolveLabelsArgs = {
  /** The content locale the badges are computed for (e.g. `de`). */
  locale: string
  /** The current request; use it (`req`) for every Local API call so access and transactions are kept. */
  req: PayloadRequest
}

/** A text that is either the same in every locale or given per locale (`{ en: '…', de: '…' }`). */
export type LocalizedText = Record<string, string> | string

/** A service (e.g. "Matomo") in a consent category. */
export type ConsentServiceDefault = {
  /** The cookies the service sets, e.g. `['_pk_id', '_pk_ses']`. */
  cookies?: string[]
  /** What the service does. */
  description?: LocalizedText
  /** Name of the service. */
  name: string
}

/** A default consent category. */
export type ConsentCategoryDefault = {
  /** What the category is for. */
  description?: LocalizedText
  /** Stable key stored in consent records, e.g. `necessary`, `analytics`. Lowercase letters, digits, `-` and `_`. */
  key: string
  /** Label shown in the banner. */
  label: LocalizedText
  /**
   * Strictly necessary: always on, cannot be rejected. The category with the key `necessary` is
   * always required. All other categories start switched off in the banner.
   */
  required?: boolean
  /** The services of this category. */
  services?: ConsentServiceDefault[]
}

/** The localized texts of the consent banner. */
export type ConsentTexts = {
  /** Label of the accept button. */
  acceptLabel: string
  /** Text of the privacy policy link. */
  privacyPolicyLabel: string
  /** URL of the privacy policy. */
  privacyPolicyURL: string
  /** Label of the reject button. */
  rejectLabel: string
  /** Message shown to returning visitors after the revision was raised. */
  revisionMessage: string
  /** Label of the button that opens the category settings. */
  settingsLabel: string
  /** Banner text. */
  text: string
  /** Banner title. */
  title: string
}

/** Options of the consent part of the plugin. */
export type ConsentOptions = {
  /** Access rules of the consent global. */
  access?: {
    /**
     * Who may change the consent setting. Defaults to `access.manageConsent` of the plugin, else
     * any logged-in user of the admin auth collection.
     */
    update?: Access
  }
  /**
   * The default categories, used until an editor saves the consent setting.
   * Default: `necessary` (required), `analytics`, `marketing`.
   */
  categories?: ConsentCategoryDefault[]
  /**
   * Default banner texts per locale, merged over the built-in English and German texts. Locales
   * without own texts get the English ones.
   */
  defaults?: Record<string, Partial<ConsentTexts>>
  /**
   * How to find the client's IP address for the rate limit and the IP hash.
   * Default: the first entry of `X-Forwarded-For`, else `X-Real-IP`. Only trust these headers
   * behind a proxy that sets them.
   */
  getClientIP?: (req: PayloadRequest) => string | undefined
  /**
   * Salt of the client IP hash stored in consent records (HMAC-SHA-256; the raw IP is never stored).
   * Default: derived from the Payload secret.
   */
  ipHashSalt?: string
  /** Largest accepted consent-record body in bytes (else 400). Default: 4096. */
  maxBodySize?: number
  /**
   * Change the global or the collection the plugin creates (e.g. add fields, admin group).
   * Receives the plugin's default config and returns the config to use.
   */
  overrides?: {
    global?: (global: GlobalConfig) => GlobalConfig
    records?: (collection: CollectionConfig) => CollectionConfig
  }
  /**
   * Per-client limit of consent records created over REST/GraphQL (a sliding window). `false`
   * turns it off. Default: 10 per minute, counted in this process (at most 10,000 clients).
   */
  rateLimit?:
    | {
        /** Records allowed per window. */
        max: number
        /** Window length in milliseconds. */
        window: number
        /** Where hits are counted: e.g. the app's bounded store, or a shared one. */
        store?: RateLimitStore
      }
    | false
  /**
   * Write the default texts of every locale into the consent global at start-up when it has never
   * been saved, so each locale starts with its own texts. Default: true.
   */
  seed?: boolean
}

/** Options of the JSON-LD endpoint. */
export type JsonLdOptions = {
  /**
   * Vocabulary of the `digitalSourceType` values in the JSON-LD: `schema.org` uses the members of
   * schema.org's `IPTCDigitalSourceEnumeration` (e.g. `https://schema.org/TrainedAlgorithmicMediaDigitalSource`),
   * `iptc` the IPTC URIs (e.g. `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia`).
   * Default: `schema.org`.
   */
  digitalSourceTypeVocabulary?: 'iptc' | 'schema.org'
  /** Returns the public URL of a document (used as `url` and `@id`). */
  generateURL?: (args: {
    collectionSlug: string
    doc: Record<string, unknown>
    locale: string
    req: PayloadRequest
  }) => Promise<string | undefined> | string | undefined
  /**
   * The file of an image that anyone may fetch, for `contentUrl` (see `buildNewsArticleJsonLd`'s
   * `publicImage`). Default: the image's `url` as the reader's API answer has it.
   */
  publicImage?: PublicImageResolver
  /** Change the generated JSON-LD (e.g. add `publisher` or `author`). */
  transform?: (args: {
    collectionSlug: string
    doc: Record<string, unknown>
    jsonLd: Record<string, unknown>
    locale: string
    req: PayloadRequest
  }) => Promise<Record<string, unknown>> | Record<string, unknown>
}

/** See {@link AIDisclosurePluginOptions.keepAcrossRequests}. */
export type KeepAcrossRequests = <T>(args: {
  /** The document the value comes from. */
  collection: string
  compute: () => Promise<T>
  id: number | string
  /** Unique for the value (it includes who reads: access may differ per user). */
  key: string
  req: PayloadRequest
}) => Promise<T>

/** Options of `aiDisclosurePlugin`. */
export type AIDisclosurePluginOptions = {
  /** Access rules the app can plug its own roles into. */
  access?: {
    /**
     * Who may change the consent global (unless `consent.access.update` is set).
     * Default: any logged-in user of the admin auth collection.
     */
    manageConsent?: Access
    /**
     * Who may read (and delete, e.g. for erasure requests) consent records.
     * Default: any logged-in user of the admin auth collection.
     */
    readConsentRecords?: Access
    /**
     * Who may run the provenance back-fill (`POST /api/ai-disclosure/provenance/backfill`).
     * Default: any logged-in user of the admin auth collection.
     */
    backfillProvenance?: Access
    /**
     * Who may approve a locale's text (REST `POST /api/<collection>/:id/approve?locale=…`, GraphQL
     * `approveAiDisclosure`, the admin button). Default: any logged-in user of the admin auth collection.
     */
    approve?: Access
    /**
     * Who may read the disclosure log, export it and see the compliance view.
     * Default: any logged-in user of the admin auth collection.
     */
    readDisclosureLog?: Access
  }
  /**
   * Which users are AI systems: what they write is `ai-generated` (with their system and version)
   * unless they send another `aiDisclosure.origin`. Default: nobody.
   */
  aiAuthors?: (user: unknown) => AIAuthor
  /**
   * Whether a locale is live (for the compliance view's "live without review").
   * Default: the locale's `_status` is `published`.
   */
  isLive?: (doc: Record<string, unknown>, locale: string) => boolean
  /**
   * `label-always` (default): every AI-generated, AI-assisted or machine-translated text carries its
   * label, reviewed or not (a current review adds "editorially reviewed").
   * `exempt-when-reviewed`: the EU AI Act Art. 50(4) minimum: a locale with a current review and a
   * named editorial responsibility goes without the label.
   */
  publishRule?: 'exempt-when-reviewed' | 'label-always'
  /**
   * Refuse publishing a locale that is AI-generated, AI-assisted or machine-translated without a
   * current review (403). `false` (default): it is published with its label.
   */
  refuseUnreviewed?: boolean
  /**
   * Per text collection, the localized fields whose text a review covers, in order (title, lead,
   * body). Default: those of `title`, `summary`, `body` that the collection has.
   */
  textFields?: Partial<Record<CollectionSlug, string[]>>
  /**
   * Slugs of the text collections that get the `aiDisclosure` group and the `badges` field
   * (text disclosure), e.g. `['articles', 'related-articles']`.
   */
  collections?: CollectionSlug[]
  /**
   * The cookie-consent setting (global `consent`) and the proof-of-consent collection
   * (`consent-records`). `false` leaves both out. Default: on, with the built-in defaults.
   */
  consent?: ConsentOptions | false
  /**
   * `false` switches the plugin's behaviour off (hooks, endpoints, admin components, seeding) but
   * still adds its fields, global and collection, so the database schema stays stable for migrations.
   * Default: true.
   */
  enabled?: boolean
  /**
   * Slugs of the upload collections that get image provenance (`aiGenerated`, `digitalSourceType`,
   * `aiSystem`, `aiPrompt`) and a `badges` field, e.g. `['images']`.
   */
  imageCollections?: CollectionSlug[]
  /**
   * Per text collection, the paths of the upload/relationship fields that point at images
   * (e.g. `{ articles: ['heroImage'], 'related-articles': ['image'] }`; groups as `meta.image`).
   * Default: every upload or relationship field (outside arrays and blocks) whose `relationTo`
   * includes one of `imageCollections`.
   */
  imageFields?: Partial<Record<CollectionSlug, string[]>>
  /** The JSON-LD endpoint. */
  jsonLd?: JsonLdOptions
  /**
   * Keeps what a badge needs from an image it does not populate (the image's AI provenance) beyond
   * one request. Called with the image the value comes from and the lookup; the host answers from
   * its own store and must forget the value when that image changes, in whichever process the
   * change happens (e.g. with the purges of a response cache). Default: looked up once per request.
   */
  keepAcrossRequests?: KeepAcrossRequests
  /**
   * Fixed badge labels per locale (e.g. `{ de: { reportedByAI: 'KI-Text' } }`). They win over the
   * plugin's translations; `resolveLabels` wins over them.
   */
  labels?: Record<string, Partial<AIDisclosureLabels>>
  /**
   * Provenance read from uploaded image files (C2PA, XMP, PNG text) into the read-only `provenance`
   * group, the AI labels filled from it, and XMP on resized copies. `false` switches reading off
   * (the fields stay). Default: on.
   */
  provenance?: false | ProvenanceOptions
  /**
   * Reads the badge labels from the site's own content (e.g. Locale documents). Called at most once
   * per request and locale; return `undefined` (or leave keys out) to fall back to `labels`, then
   * to the plugin's translations (`ai-disclosure:badgeReportedByAI`, `ai-disclosure:badgeAIImage`).
   */
  resolveLabels?: (
    args: ResolveLabelsArgs,
  ) => Partial<AIDisclosureLabels> | Promise<Partial<AIDisclosureLabels> | undefined> | undefined
}
