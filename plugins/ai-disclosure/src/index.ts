export { aiDisclosurePlugin } from './plugin'
export { memoryRateLimitStore } from './utilities/rateLimit'
export type { RateLimitStore } from './utilities/rateLimit'
export type {
  AIAuthor,
  AIBadge,
  AIDisclosureLabels,
  AIDisclosurePluginOptions,
  ConsentCategoryDefault,
  ConsentOptions,
  ConsentServiceDefault,
  ConsentTexts,
  JsonLdOptions,
  KeepAcrossRequests,
  LocalizedText,
  ResolveLabelsArgs,
} from './types'
export {
  AI_DIGITAL_SOURCE_TYPE_TERMS,
  AI_DISCLOSURE_GROUP,
  BADGE_INTERFACE_NAME,
  BADGE_TYPES,
  BADGES_FIELD,
  CONSENT_GLOBAL_SLUG,
  BADGES_CONTEXT,
  CONSENT_RECORDS_SLUG,
  DEFAULT_AI_DIGITAL_SOURCE_TYPE_TERM,
  DIGITAL_SOURCE_TYPE_SCHEME,
  DIGITAL_SOURCE_TYPE_TERMS,
  DIGITAL_SOURCE_TYPE_URIS,
  digitalSourceTypeURI,
  isAIDigitalSourceType,
  normalizeDigitalSourceType,
  PLUGIN_NAMESPACE,
  toDigitalSourceTypeTerm,
  toSchemaOrgDigitalSourceType,
} from './constants'
export type { AIBadgeType, BadgesContext, DigitalSourceTypeTerm } from './constants'
export { defaultConsentCategories, defaultConsentTexts } from './consent/defaults'
export { ACCEPT_TYPES, CONSENT_PROOF_COOKIE, ConsentRecordError } from './consent/records'
export type { AcceptType } from './consent/records'
export { aiDisclosureField } from './fields/aiDisclosure'
export { resolveDisclosure, reviewState } from './disclosure/resolve'
export type {
  DisclosureLabelKind,
  ResolveDisclosureOptions,
  ResolvedDisclosure,
} from './disclosure/resolve'
export {
  AI_ORIGINS,
  isAIOrigin,
  ORIGIN_SOURCE_TYPE,
  ORIGINS,
  originSourceTypeURI,
  PUBLISH_RULES,
} from './disclosure/origins'
export type { Origin, PublishRule } from './disclosure/origins'
export { LABEL_TEXTS } from './disclosure/labelTexts'
export { canonicalText, plainText, textHashOf } from './disclosure/textHash'
export { approveText } from './disclosure/approve'
export type { ApproveResult } from './disclosure/approve'
export { logPublicationChange, logRefusedPublish, UnreviewedPublishError } from './disclosure/hooks'
export { DISCLOSURE_LOG_SLUG, DisclosureLogError, LOG_EVENTS } from './disclosure/log'
export type { LogEntry, LogEvent } from './disclosure/log'
export { badgesField } from './fields/badges'
export { imageProvenanceFields } from './fields/imageProvenance'
export { provenanceContext, syncImageProvenance } from './hooks/provenance'
export { createProvenanceReader, provenanceStats } from './provenance/read'
export { assertUploadAllowed } from './hooks/provenanceAccess'
export type { ProvenanceReader } from './provenance/read'
export { resolveLabels } from './provenance/labels'
export { parseXmp } from './provenance/xmp'
export { PROVENANCE_SOURCES, PROVENANCE_STATUSES } from './provenance/types'
export type {
  ImageProvenance,
  ProvenanceOptions,
  ProvenanceSource,
  ProvenanceStatus,
} from './provenance/types'
export { buildNewsArticleJsonLd } from './jsonLd/buildNewsArticleJsonLd'
export type {
  BuildNewsArticleJsonLdArgs,
  PublicImageResolver,
} from './jsonLd/buildNewsArticleJsonLd'
export { translations } from './translations'
