import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import { APIError, ValidationError } from 'payload'

import type { AIAuthor } from '../types'

import { AI_DISCLOSURE_GROUP } from '../constants'
import { nestedReq } from '../utilities/nestedReq'
import { appendLog, type LogEntry } from './log'
import { isAIOrigin, isOrigin, REVIEW_GROUP, type PublishRule } from './origins'
import { resolveDisclosure, reviewState } from './resolve'
import { textHashOf } from './textHash'

type AnyRecord = Record<string, unknown>

export type DisclosureSettings = {
  aiAuthors?: (user: unknown) => AIAuthor
  /** The localization's locale codes (empty: not localized). */
  locales: string[]
  refuseUnreviewed: boolean
  rule: PublishRule
  /** The localized fields whose text the fingerprint covers, in order. */
  textFields: string[]
}

/** Publishing refused by the publish rule (a 403 with a message the client sees). */
export class UnreviewedPublishError extends APIError {
  constructor(message: string) {
    super(message, 403, null, true)
    this.name = 'UnreviewedPublishError'
  }
}

/**
 * Records a publish the rule refused where no client sees the answer (a scheduled publish): the
 * log is where editors find it.
 */
export const logRefusedPublish = ({
  collection,
  id,
  locale,
  reason,
  req,
}: {
  collection: string
  id: number | string
  locale: null | string | undefined
  reason: string
  req: PayloadRequest
}): Promise<void> =>
  appendLog(req, [
    {
      collection,
      details: { reason, scheduled: true },
      docId: String(id),
      event: 'publish-refused',
      locale: locale ?? 'all',
    },
  ])

/** The review the approve action hands to the next save: `{ locale, review }`. */
export const APPROVAL_KEY = 'ai-disclosure:approval'
const sentKey = (slug: string) => `ai-disclosure:sent:${slug}`
const eventsKey = (slug: string) => `ai-disclosure:events:${slug}`

type Sent = { origin: boolean; publishAll: boolean }

/** Remembers what the client really sent (defaults and merges hide it later). */
export const rememberSentDisclosure: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation === 'create' || operation === 'update') {
    const a = args as { data?: AnyRecord; publishAllLocales?: unknown }
    const group = a.data?.[AI_DISCLOSURE_GROUP] as AnyRecord | undefined
    const sent: Sent = {
      origin: Boolean(group && typeof group === 'object' && 'origin' in group),
      publishAll: Boolean(a.publishAllLocales),
    }
    req.context = { ...req.context, [sentKey(collection.slug)]: sent }
  }
  return args
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined

const normaliseAuthor = (author: AIAuthor): { system?: string; version?: string } | undefined => {
  if (!author) return undefined
  return author === true ? {} : author
}

const localeLabel = (req: PayloadRequest, code: string): string => {
  const locales = req.payload.config.localization ? req.payload.config.localization.locales : []
  const found = locales.find((l) => l.code === code)
  const label = found?.label
  if (typeof label === 'string') return label
  return (label as Record<string, string> | undefined)?.[req.i18n?.language ?? 'en'] ?? code
}

/**
 * One locale's group after a save: server-only fields restored or set (`textHash`, `review`), the
 * origin decided (AI authors, defaults), the AI→human reason required. Returns the log events.
 */
const settle = ({
  approval,
  code,
  group,
  previous,
  req,
  sent,
  settings,
  text,
}: {
  approval: undefined | { locale: string; review: AnyRecord }
  code: string
  group: AnyRecord
  previous: AnyRecord | undefined
  req: PayloadRequest
  sent: Sent | undefined
  settings: DisclosureSettings
  text: AnyRecord
}): Omit<LogEntry, 'collection' | 'docId'>[] => {
  const events: Omit<LogEntry, 'collection' | 'docId'>[] = []
  delete group.reviewStatus
  group.textHash = textHashOf(text, settings.textFields)
  group.review =
    approval && approval.locale === code ? approval.review : (previous?.[REVIEW_GROUP] ?? null)

  const author = normaliseAuthor(settings.aiAuthors?.(req.user))
  const textChanged = group.textHash !== ((previous?.textHash as null | string | undefined) ?? null)
  if (author && textChanged && !sent?.origin) {
    // an AI system's text, unless it says otherwise
    group.origin = 'ai-generated'
    if (author.system) group.aiSystem = author.system
    if (author.version) group.aiSystemVersion = author.version
  }
  if (!isOrigin(group.origin)) group.origin = group.textHash ? 'human' : null

  const before = isOrigin(previous?.origin) ? previous.origin : undefined
  if (before && group.origin !== before && isAIOrigin(before) && !isAIOrigin(group.origin)) {
    if (!str(group.humanReason)) {
      const t = req.t as unknown as (key: string, vars?: AnyRecord) => string
      throw new ValidationError({
        errors: [
          {
            message: t('ai-disclosure:errorHumanReason', { from: before, to: group.origin }),
            path: `${AI_DISCLOSURE_GROUP}.humanReason`,
          },
        ],
        req,
      })
    }
  }
  if (isAIOrigin(group.origin)) group.humanReason = null
  if (sent?.origin && group.origin !== before) group.migrated = false

  if (group.origin !== (before ?? null)) {
    events.push({
      event: 'origin',
      locale: code,
      origin: (group.origin as null | string) ?? null,
      previousOrigin: before ?? null,
      textHash: (group.textHash as null | string) ?? null,
      details: { reason: group.humanReason ?? null, aiSystem: group.aiSystem ?? null },
    })
  }
  if (approval && approval.locale === code) {
    events.push({
      event: 'review',
      locale: code,
      origin: group.origin as string,
      reviewHash: approval.review.hash as string,
      reviewStatus: reviewState(group),
      textHash: group.textHash as string,
      details: { versionId: approval.review.versionId ?? null },
    })
  } else if (previous && reviewState(previous) === 'current' && reviewState(group) === 'stale') {
    events.push({
      event: 'stale-by-edit',
      locale: code,
      origin: group.origin as string,
      reviewHash: (group.review as AnyRecord | null)?.hash as string,
      reviewStatus: 'stale',
      textHash: group.textHash as string,
    })
  }
  return events
}

/** The publish rule for one locale's group: throws when it refuses. */
const checkPublish = (
  req: PayloadRequest,
  settings: DisclosureSettings,
  code: string,
  group: AnyRecord | undefined,
) => {
  if (!settings.refuseUnreviewed || !group) return
  if (isAIOrigin(group.origin) && reviewState(group) !== 'current') {
    const t = req.t as unknown as (key: string, vars?: AnyRecord) => string
    throw new UnreviewedPublishError(
      t('ai-disclosure:errorUnreviewed', {
        locale: localeLabel(req, code),
        origin: String(group.origin),
      }),
    )
  }
}

const pick = (doc: AnyRecord | undefined, name: string, code: string | undefined): unknown => {
  const value = doc?.[name]
  if (code === undefined) return value
  return value && typeof value === 'object' ? (value as AnyRecord)[code] : undefined
}

/**
 * beforeChange of a text collection: settles the disclosure group of the locale being written (of
 * each locale for `locale: 'all'`), and applies the publish rule to the locales being published.
 */
export const createDisclosureBeforeChange =
  ({
    settings,
    slug,
  }: {
    settings: DisclosureSettings
    slug: string
  }): CollectionBeforeChangeHook =>
  async ({ context, data, originalDoc, req }) => {
    const sent = req.context[sentKey(slug)] as Sent | undefined
    const approval = context[APPROVAL_KEY] as undefined | { locale: string; review: AnyRecord }
    const all = (req.locale as string | undefined) === 'all' || (req.locale as string) === '*'
    const codes = settings.locales.length
      ? all
        ? settings.locales
        : [String(req.locale ?? settings.locales[0])]
      : ['']
    const events: Omit<LogEntry, 'collection' | 'docId'>[] = []

    for (const code of codes) {
      const at = all ? code : undefined
      const incoming = pick(data, AI_DISCLOSURE_GROUP, at) as AnyRecord | undefined
      const previous = pick(originalDoc, AI_DISCLOSURE_GROUP, at) as AnyRecord | undefined
      const text: AnyRecord = {}
      for (const name of settings.textFields) {
        const sentValue = pick(data, name, at)
        text[name] = sentValue !== undefined ? sentValue : pick(originalDoc, name, at)
      }
      const group: AnyRecord = { ...(previous ?? {}), ...(incoming ?? {}) }
      events.push(...settle({ approval, code, group, previous, req, sent, settings, text }))
      if (all) {
        data[AI_DISCLOSURE_GROUP] = { ...(data[AI_DISCLOSURE_GROUP] ?? {}), [code]: group }
      } else {
        data[AI_DISCLOSURE_GROUP] = group
      }
      if (data._status === 'published' && !sent?.publishAll) {
        checkPublish(req, settings, code, group)
      }
    }

    if (data._status === 'published' && sent?.publishAll && settings.refuseUnreviewed) {
      // every locale with text must pass: read the others' stored groups
      const stored =
        originalDoc?.id !== undefined && !all
          ? await req.payload.findByID({
              id: originalDoc.id as number | string,
              collection: slug as never,
              depth: 0,
              draft: true,
              locale: 'all' as never,
              overrideAccess: true,
              req: nestedReq(req),
              select: { [AI_DISCLOSURE_GROUP]: true } as never,
            })
          : undefined
      for (const code of settings.locales) {
        const group =
          !all && code === String(req.locale)
            ? (data[AI_DISCLOSURE_GROUP] as AnyRecord)
            : (pick(all ? data : (stored as AnyRecord | undefined), AI_DISCLOSURE_GROUP, code) as
                AnyRecord | undefined)
        if (group?.textHash) checkPublish(req, settings, code, group)
      }
    }

    req.context = { ...req.context, [eventsKey(slug)]: events }
    return data
  }

/** afterChange: the events of this save go to the log, with the document's id. */
export const createDisclosureAfterChange =
  ({ slug }: { slug: string }): CollectionAfterChangeHook =>
  async ({ doc, req }) => {
    const events = req.context[eventsKey(slug)] as
      Omit<LogEntry, 'collection' | 'docId'>[] | undefined
    if (!events?.length) return doc
    req.context = { ...req.context, [eventsKey(slug)]: undefined }
    await appendLog(
      req,
      events.map((event) => ({ ...event, collection: slug, docId: String(doc.id) })),
    )
    return doc
  }

/**
 * A locale of a document went live or stopped being live: log it with the label state that went
 * live (read once per change: a write, not a read path). Apps call this from their publication
 * event (the app: `onLocalePublicationChange`).
 */
export const logPublicationChange = async ({
  collection,
  id,
  locale,
  live,
  req,
  rule,
}: {
  collection: string
  id: number | string
  locale: string
  live: boolean
  req: PayloadRequest
  rule: PublishRule
}): Promise<void> => {
  const doc = (await req.payload.findByID({
    id,
    collection: collection as never,
    depth: 0,
    disableErrors: true,
    draft: false,
    fallbackLocale: 'none' as never,
    locale: locale as never,
    overrideAccess: true,
    req: nestedReq(req),
    select: { [AI_DISCLOSURE_GROUP]: true } as never,
  })) as AnyRecord | null
  const group = (doc?.[AI_DISCLOSURE_GROUP] ?? {}) as AnyRecord
  const resolved = resolveDisclosure(doc ?? {}, locale, { rule })
  await appendLog(req, [
    {
      collection,
      docId: String(id),
      event: live ? 'publish' : 'unpublish',
      labelled: resolved.labelled,
      labels: resolved.labels,
      locale,
      origin: resolved.origin,
      reviewHash: ((group.review as AnyRecord | null)?.hash as null | string) ?? null,
      reviewStatus: reviewState(group),
      textHash: (group.textHash as null | string) ?? null,
    },
  ])
}
