import type { Endpoint, PayloadRequest } from 'payload'
import { APIError } from 'payload'

import { cancelSchedule, createSchedule, listSchedules } from './schedules'
import { ScheduleError } from './validateSchedule'

// Schedules for API clients and the admin's schedule drawer (`payload-jobs` has no REST access):
// schedule, list (paged) and cancel the publication changes of one document, with the rights of
// publishing (staff only). docs/publishing.md has the curl calls.

const fail = (message: string, status: number) => new APIError(message, status, null, true)

/** Turns the validator's refusals into Payload's error answer (`{ errors: [{ message }] }`). */
const answer =
  (run: (req: PayloadRequest) => Promise<Response>): Endpoint['handler'] =>
  async (req) => {
    try {
      return await run(req)
    } catch (error) {
      if (error instanceof ScheduleError) throw fail(error.message, error.status)
      throw error
    }
  }

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
    handler: answer(async (req) => {
      // The body is read only once the caller is known to be allowed.
      const schedule = await createSchedule(req, collection, req.routeParams?.id, () =>
        readBody(req),
      )
      return Response.json({ schedule }, { status: 201 })
    }),
  },
  {
    path: '/:id/schedule',
    method: 'get',
    handler: answer(async (req) => {
      const list = await listSchedules(req, collection, req.routeParams?.id, {
        page: req.searchParams.get('page') ?? undefined,
        limit: req.searchParams.get('limit') ?? undefined,
      })
      return Response.json(list)
    }),
  },
  {
    path: '/:id/schedule/:jobId',
    method: 'delete',
    handler: answer(async (req) => {
      const schedule = await cancelSchedule(
        req,
        collection,
        req.routeParams?.id,
        req.routeParams?.jobId,
      )
      return Response.json({ schedule })
    }),
  },
]
