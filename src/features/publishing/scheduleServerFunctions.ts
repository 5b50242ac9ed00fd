import { nestedReq } from '../../utilities/nestedReq'
import type { PayloadRequest, ServerFunction } from 'payload'

import { isStaff } from '../accounts/roles'
import { SCHEDULE_TASK } from './schedulePublish'
import { cancelSchedule, createSchedule, listSchedules } from './schedules'
import { ScheduleError } from './validateSchedule'

// The admin's server functions for scheduling (`serverFunction` in src/app/(payload)/layout.tsx),
// routed to the same rules as the REST endpoints. Payload's own `schedule-publish` checks only
// that the user may open the admin (any logged-in user here), queues any time it is given (the
// past too) and deletes any job by id; `get-upcoming-scheduled-publish` lists them. Both names keep
// Payload's argument and answer shapes, so a client calling them (Payload's stock drawer) works.

type SchedulePublishArgs = {
  type?: unknown
  date?: unknown
  deleteID?: unknown
  doc?: { relationTo?: unknown; value?: unknown }
  global?: unknown
  localeToPublish?: unknown
  timezone?: unknown
}

const message = (error: unknown): string => {
  if (error instanceof ScheduleError) return error.message
  return 'The schedule could not be saved.'
}

/** The document a pending job belongs to (only our task's jobs). */
async function docOfJob(req: PayloadRequest, jobId: unknown) {
  const id = String(jobId ?? '')
  if (!id || id.length > 64) return undefined
  const { docs } = await req.payload.find({
    collection: 'payload-jobs',
    where: { and: [{ id: { equals: id } }, { taskSlug: { equals: SCHEDULE_TASK } }] },
    depth: 0,
    limit: 1,
    req: nestedReq(req),
  })
  const doc = (docs[0] as { input?: { doc?: { relationTo: string; value: string } } } | undefined)
    ?.input?.doc
  return doc
}

export const schedulePublishServerFunction: ServerFunction<
  SchedulePublishArgs,
  Promise<{ error: string; status: number } | { message: string; schedule?: unknown }>
> = async (args) => {
  const { req } = args
  try {
    if (args.global) throw new ScheduleError('Globals cannot be scheduled here.', 400)
    if (args.deleteID !== undefined && args.deleteID !== null) {
      // Who asks is checked before the job is looked up.
      if (!isStaff(req.user))
        throw new ScheduleError('Only editors and admins may schedule publication.', 403)
      const doc = args.doc ?? (await docOfJob(req, args.deleteID))
      if (!doc) throw new ScheduleError(`No pending schedule "${String(args.deleteID)}".`, 404)
      const schedule = await cancelSchedule(
        req,
        String(doc.relationTo ?? ''),
        doc.value,
        args.deleteID,
      )
      return { message: req.t('general:success'), schedule }
    }
    const schedule = await createSchedule(
      req,
      String(args.doc?.relationTo ?? ''),
      args.doc?.value,
      {
        type: args.type,
        locale: args.localeToPublish,
        at: args.date,
        timezone: args.timezone,
      },
    )
    return { message: req.t('general:success'), schedule }
  } catch (error) {
    if (!(error instanceof ScheduleError))
      req.payload.logger.error({ err: error }, 'schedule-publish')
    return { error: message(error), status: error instanceof ScheduleError ? error.status : 500 }
  }
}

export const upcomingScheduledPublishServerFunction: ServerFunction<
  { id?: unknown; collectionSlug?: unknown; globalSlug?: unknown },
  Promise<
    {
      id: string | number
      input: { type: string; locale?: string; timezone?: string }
      waitUntil: unknown
    }[]
  >
> = async ({ id, collectionSlug, globalSlug, req }) => {
  if (globalSlug || typeof collectionSlug !== 'string')
    throw new ScheduleError('Globals cannot be scheduled here.', 400)
  const { docs } = await listSchedules(req, collectionSlug, id)
  return docs.map((s) => ({
    id: s.id,
    input: {
      type: s.type,
      ...(s.locale === 'all' ? {} : { locale: s.locale }),
      ...(s.timezone ? { timezone: s.timezone } : {}),
    },
    waitUntil: s.at,
  }))
}

/** Server functions that replace Payload's of the same name (see layout.tsx). */
export const serverFunctions: Record<string, ServerFunction<any, any>> = {
  'schedule-publish': schedulePublishServerFunction,
  'get-upcoming-scheduled-publish': upcomingScheduledPublishServerFunction,
}
