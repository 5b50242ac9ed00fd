import type { Access, CollectionConfig, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { nestedReq } from '../utilities/nestedReq'
import { staticLabel, tl } from '../utilities/translate'

/** Slug of the append-only disclosure log. */
export const DISCLOSURE_LOG_SLUG = 'ai-disclosure-log'

export const LOG_EVENTS = [
  'origin',
  'review',
  'stale-by-edit',
  'publish',
  'unpublish',
  'publish-refused',
] as const
export type LogEvent = (typeof LOG_EVENTS)[number]

/** One entry: plain ids and snapshots, never relationships (a deletion must not rewrite history). */
export type LogEntry = {
  event: LogEvent
  collection: string
  docId: string
  locale: string
  actorId?: null | string
  actorName?: null | string
  origin?: null | string
  previousOrigin?: null | string
  reviewStatus?: null | string
  labelled?: boolean | null
  labels?: unknown
  textHash?: null | string
  reviewHash?: null | string
  details?: unknown
}

/** The context key the plugin's own writes carry; nothing else may create entries. */
const WRITE_TOKEN = Symbol('ai-disclosure-log-write')

export class DisclosureLogError extends APIError {
  constructor(message: string) {
    super(message, 403, null, true)
    this.name = 'DisclosureLogError'
  }
}

const refuse = (what: string) => {
  throw new DisclosureLogError(`The AI disclosure log is append-only: ${what} is not allowed.`)
}

const actorOf = (req: PayloadRequest): { actorId: null | string; actorName: null | string } => {
  const user = req.user as (Record<string, unknown> & { id?: unknown }) | null | undefined
  if (!user) return { actorId: null, actorName: null }
  const name = user.name ?? user.email ?? user.id
  return {
    actorId: `${String(user.collection ?? '')}:${String(user.id)}`,
    actorName: typeof name === 'string' ? name : String(name),
  }
}

/** Appends entries inside the request's transaction (the plugin's writes only). */
export const appendLog = async (req: PayloadRequest, entries: LogEntry[]): Promise<void> => {
  const actor = actorOf(req)
  for (const entry of entries) {
    await req.payload.create({
      collection: DISCLOSURE_LOG_SLUG as never,
      data: { ...actor, ...entry, at: new Date().toISOString() } as never,
      context: { [WRITE_TOKEN]: true },
      depth: 0,
      overrideAccess: true,
      req: nestedReq(req),
      select: { id: true } as never,
    })
  }
}

const never: Access = () => false

/**
 * The append-only log: created by the plugin's hooks only; no route, role or Local API call may
 * update or delete an entry (hooks refuse, so `overrideAccess` does not help). Database triggers
 * are not part of it: whoever has the database file can change anything.
 */
export const createDisclosureLogCollection = ({ read }: { read: Access }): CollectionConfig => ({
  slug: DISCLOSURE_LOG_SLUG,
  access: { create: never, delete: never, read, update: never },
  admin: {
    defaultColumns: ['at', 'event', 'collection', 'docId', 'locale', 'origin', 'actorName'],
    group: staticLabel('aiDisclosure'),
    useAsTitle: 'event',
  },
  disableDuplicate: true,
  fields: [
    { name: 'at', type: 'date', index: true, label: tl('logAt'), required: true },
    { name: 'event', type: 'text', index: true, label: tl('logEvent'), required: true },
    { name: 'collection', type: 'text', index: true, label: tl('logCollection'), required: true },
    { name: 'docId', type: 'text', index: true, label: tl('logDocId'), required: true },
    { name: 'locale', type: 'text', label: tl('logLocale'), required: true },
    { name: 'actorId', type: 'text', label: tl('logActorId') },
    { name: 'actorName', type: 'text', label: tl('logActorName') },
    { name: 'origin', type: 'text', label: tl('origin') },
    { name: 'previousOrigin', type: 'text', label: tl('logPreviousOrigin') },
    { name: 'reviewStatus', type: 'text', label: tl('reviewStatus') },
    { name: 'labelled', type: 'checkbox', label: tl('logLabelled') },
    { name: 'labels', type: 'json', label: tl('logLabels') },
    { name: 'textHash', type: 'text', label: tl('textHash') },
    { name: 'reviewHash', type: 'text', label: tl('reviewHash') },
    { name: 'details', type: 'json', label: tl('logDetails') },
  ],
  hooks: {
    beforeOperation: [
      ({ context, operation, args }) => {
        if (operation === 'update' || operation === 'delete') refuse(operation)
        if (operation === 'create' && !context?.[WRITE_TOKEN as never]) refuse('creating entries')
        return args
      },
    ],
    beforeChange: [
      ({ context, operation }) => {
        if (operation !== 'create' || !context?.[WRITE_TOKEN as never]) refuse(operation)
      },
    ],
    beforeDelete: [() => refuse('delete')],
  },
  labels: { plural: staticLabel('disclosureLog'), singular: staticLabel('disclosureLog') },
  timestamps: true,
})
