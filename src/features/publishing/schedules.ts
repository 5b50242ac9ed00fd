import type { CollectionSlug, PayloadRequest, Where } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

import { isStaff } from '../accounts/roles'
import { SCHEDULE_TASK, type ScheduleInput } from './schedulePublish'
import { MAX_PENDING_SCHEDULES, parseSchedule, ScheduleError } from './validateSchedule'
import { LOCALE_CODES } from '../languages/locales'

// Schedule, list and cancel the publication changes of one document, for every caller: the REST
// endpoints (src/features/publishing/scheduleEndpoints.ts) and the admin's server functions (src/features/publishing/scheduleServerFunctions.ts).
// Editors and admins only (the rights of publishing); input through the one validator.

type Job = {
  id: string | number
  input?: ScheduleInput
  waitUntil?: string | null
}

export type Schedule = {
  id: string | number
  type: 'publish' | 'unpublish'
  locale: string
  at: string | null | undefined
  timezone?: string
}

export const asSchedule = (job: Job): Schedule => ({
  id: job.id,
  type: job.input?.type === 'unpublish' ? 'unpublish' : 'publish',
  locale: job.input?.locale ?? 'all',
  at: job.waitUntil,
  ...(job.input?.timezone ? { timezone: job.input.timezone } : {}),
})

/** The document must exist and be readable, and the user must be an editor or admin. */
export async function authorizeSchedule(
  req: PayloadRequest,
  collection: string,
  rawId: unknown,
): Promise<string> {
  if (!isStaff(req.user))
    throw new ScheduleError('Only editors and admins may schedule publication.', 403)
  const id = String(rawId ?? '')
  if (!id || id.length > 64)
    throw new ScheduleError(`No ${collection} document with id "${id.slice(0, 64)}".`, 404)
  if (!req.payload.collections[collection as CollectionSlug]?.config.versions?.drafts)
    throw new ScheduleError(`"${collection}" cannot be scheduled.`, 400)
  const doc = await req.payload.findByID({
    collection: collection as CollectionSlug,
    id,
    depth: 0,
    draft: true,
    select: {},
    disableErrors: true,
    overrideAccess: false,
    user: req.user,
    req: nestedReq(req),
  })
  if (!doc) throw new ScheduleError(`No ${collection} document with id "${id}".`, 404)
  return id
}

export const pendingOf = (collection: string, id: string, jobId?: string): Where => ({
  and: [
    { taskSlug: { equals: SCHEDULE_TASK } },
    { 'input.doc.value': { equals: id } },
    { 'input.doc.relationTo': { equals: collection } },
    { completedAt: { exists: false } },
    { processing: { equals: false } },
    ...(jobId ? [{ id: { equals: jobId } }] : []),
  ],
})

/** Validates and queues one schedule; the caller's identity is checked first. */
export async function createSchedule(
  req: PayloadRequest,
  collection: string,
  rawId: unknown,
  body: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
): Promise<Schedule> {
  const id = await authorizeSchedule(req, collection, rawId)
  if (typeof body === 'function') body = await body()
  const locales = LOCALE_CODES
  const { type, locale, at, timezone } = parseSchedule(body, locales)
  const { totalDocs } = await req.payload.count({
    collection: 'payload-jobs',
    where: pendingOf(collection, id),
    req: nestedReq(req),
  })
  if (totalDocs >= MAX_PENDING_SCHEDULES)
    throw new ScheduleError(
      `This document has ${totalDocs} pending schedules, the most allowed is ${MAX_PENDING_SCHEDULES}; cancel one first.`,
      409,
    )
  const input: ScheduleInput = {
    type,
    ...(locale === 'all' ? {} : { locale }),
    doc: { relationTo: collection, value: id },
    user: { relationTo: req.user!.collection, value: String(req.user!.id) },
    ...(timezone ? { timezone } : {}),
  }
  const job = (await req.payload.jobs.queue({
    task: SCHEDULE_TASK as never,
    input: input as never,
    waitUntil: at,
    req: nestedReq(req),
  })) as unknown as Job
  return asSchedule(job)
}

export type ScheduleList = {
  docs: Schedule[]
  totalDocs: number
  page: number
  limit: number
  totalPages: number
  hasNextPage: boolean
  /** The locales the document is published in now (what a schedule can unpublish). */
  live: string[]
}

const bounded = (value: unknown, fallback: number, max: number, name: string): number => {
  if (value === undefined || value === null || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ScheduleError(`"${name}" must be a whole number from 1 to ${max}.`)
  return n
}

/** The pending schedules of one document, soonest first, one page at a time. */
export async function listSchedules(
  req: PayloadRequest,
  collection: string,
  rawId: unknown,
  query: { page?: unknown; limit?: unknown } = {},
): Promise<ScheduleList> {
  const id = await authorizeSchedule(req, collection, rawId)
  const limit = bounded(query.limit, MAX_PENDING_SCHEDULES, 100, 'limit')
  const page = bounded(query.page, 1, 10_000, 'page')
  const [res, published] = await Promise.all([
    req.payload.find({
      collection: 'payload-jobs',
      where: pendingOf(collection, id),
      sort: 'waitUntil',
      limit,
      page,
      depth: 0,
      req: nestedReq(req),
    }),
    req.payload.findByID({
      collection: collection as CollectionSlug,
      id,
      locale: 'all',
      draft: false,
      depth: 0,
      select: { _status: true } as never,
      disableErrors: true,
      req: nestedReq(req),
    }) as Promise<{ _status?: unknown } | null>,
  ])
  const status = published?._status
  const locales = LOCALE_CODES
  const live =
    status && typeof status === 'object'
      ? locales.filter((l) => (status as Record<string, unknown>)[l] === 'published')
      : status === 'published'
        ? locales
        : []
  return {
    live,
    docs: (res.docs as unknown as Job[]).map(asSchedule),
    totalDocs: res.totalDocs,
    page: res.page ?? page,
    limit,
    totalPages: res.totalPages,
    hasNextPage: res.hasNextPage,
  }
}

/** Cancels one pending schedule of the document (never another document's job). */
export async function cancelSchedule(
  req: PayloadRequest,
  collection: string,
  rawId: unknown,
  rawJobId: unknown,
): Promise<Schedule> {
  const id = await authorizeSchedule(req, collection, rawId)
  const jobId = String(rawJobId ?? '')
  if (!jobId || jobId.length > 64)
    throw new ScheduleError(`No pending schedule "${jobId.slice(0, 64)}" for this document.`, 404)
  const { docs } = await req.payload.delete({
    collection: 'payload-jobs',
    where: pendingOf(collection, id, jobId),
    depth: 0,
    req: nestedReq(req),
  })
  if (!docs.length)
    throw new ScheduleError(`No pending schedule "${jobId}" for this document.`, 404)
  return asSchedule(docs[0] as unknown as Job)
}
