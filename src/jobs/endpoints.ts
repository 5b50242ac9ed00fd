import type { CollectionSlug, Endpoint, PayloadRequest, Where } from 'payload'
import { APIError } from 'payload'
import { nestedReq } from 'payload-nested-req'

import { isStaff } from '../access'
import { SCHEDULE_TASK, type ScheduleInput } from './schedulePublish'

// Schedules for API clients (`payload-jobs` has no REST access): schedule, list and cancel the
// publication changes of one document, with the rights of publishing (staff only). README "Saving
// and publishing" has the curl calls.

const fail = (message: string, status: number) => new APIError(message, status, null, true)

type Job = {
  id: string | number
  input?: ScheduleInput
  waitUntil?: string | null
  completedAt?: string | null
}

const asSchedule = (job: Job) => ({
  id: job.id,
  type: job.input?.type === 'unpublish' ? 'unpublish' : 'publish',
  locale: job.input?.locale ?? 'all',
  at: job.waitUntil,
  ...(job.input?.timezone ? { timezone: job.input.timezone } : {}),
})

/** The document must exist, and the user must be allowed to publish it. */
async function authorize(req: PayloadRequest, collection: string): Promise<string> {
  if (!isStaff(req.user)) throw fail('Only editors and admins may schedule publication.', 403)
  const id = String(req.routeParams?.id ?? '')
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
  if (!doc) throw fail(`No ${collection} document with id "${id}".`, 404)
  return id
}

const pendingOf = (collection: string, id: string, jobId?: string): Where => ({
  and: [
    { taskSlug: { equals: SCHEDULE_TASK } },
    { 'input.doc.value': { equals: id } },
    { 'input.doc.relationTo': { equals: collection } },
    { completedAt: { exists: false } },
    { processing: { equals: false } },
    ...(jobId ? [{ id: { equals: jobId } }] : []),
  ],
})

async function readBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  try {
    const body = req.json ? await req.json() : undefined
    if (body && typeof body === 'object' && !Array.isArray(body)) return body
  } catch {
    // answered below
  }
  throw fail('The request body must be a JSON object.', 400)
}

export const scheduleEndpoints = (collection: string): Endpoint[] => [
  {
    path: '/:id/schedule',
    method: 'post',
    handler: async (req) => {
      const id = await authorize(req, collection)
      const body = await readBody(req)
      const type = body.type ?? 'publish'
      if (type !== 'publish' && type !== 'unpublish')
        throw fail('"type" must be "publish" or "unpublish".', 400)
      const locales = req.payload.config.localization
        ? req.payload.config.localization.localeCodes
        : []
      const locale = body.locale ?? 'all'
      if (typeof locale !== 'string' || (locale !== 'all' && !locales.includes(locale)))
        throw fail(`"locale" must be one of: ${[...locales, 'all'].join(', ')}.`, 400)
      const at = typeof body.at === 'string' ? new Date(body.at) : undefined
      if (!at || Number.isNaN(at.getTime()) || !/\d{4}-\d{2}-\d{2}T/.test(String(body.at)))
        throw fail('"at" must be an ISO 8601 date-time, e.g. "2026-12-02T06:00:00+01:00".', 400)
      if (at.getTime() <= Date.now()) throw fail('"at" must be in the future.', 400)
      const timezone = body.timezone
      if (timezone !== undefined) {
        const valid =
          typeof timezone === 'string' &&
          (() => {
            try {
              new Intl.DateTimeFormat('en', { timeZone: timezone })
              return true
            } catch {
              return false
            }
          })()
        if (!valid) throw fail('"timezone" must be an IANA time zone, e.g. "Europe/Berlin".', 400)
      }
      const input: ScheduleInput = {
        type,
        ...(locale === 'all' ? {} : { locale }),
        doc: { relationTo: collection, value: id },
        user: { relationTo: req.user!.collection, value: String(req.user!.id) },
        ...(typeof timezone === 'string' ? { timezone } : {}),
      }
      const job = (await req.payload.jobs.queue({
        task: SCHEDULE_TASK as never,
        input: input as never,
        waitUntil: at,
        req: nestedReq(req),
      })) as unknown as Job
      return Response.json({ schedule: asSchedule(job) }, { status: 201 })
    },
  },
  {
    path: '/:id/schedule',
    method: 'get',
    handler: async (req) => {
      const id = await authorize(req, collection)
      const { docs } = await req.payload.find({
        collection: 'payload-jobs',
        where: pendingOf(collection, id),
        sort: 'waitUntil',
        limit: 100,
        depth: 0,
        req: nestedReq(req),
      })
      return Response.json({ docs: (docs as unknown as Job[]).map(asSchedule) })
    },
  },
  {
    path: '/:id/schedule/:jobId',
    method: 'delete',
    handler: async (req) => {
      const id = await authorize(req, collection)
      const jobId = String(req.routeParams?.jobId ?? '')
      const { docs } = await req.payload.delete({
        collection: 'payload-jobs',
        where: pendingOf(collection, id, jobId),
        depth: 0,
        req: nestedReq(req),
      })
      if (!docs.length) throw fail(`No pending schedule "${jobId}" for this document.`, 404)
      return Response.json({ schedule: asSchedule(docs[0] as unknown as Job) })
    },
  },
]
