import type { Config, Payload } from 'payload'

import { processState } from '../../server/payload'
import { isAdmin } from '../accounts/roles'
import { jobLeaseMs } from './schedulePublish'

// The job runner (scheduled publish and unpublish, docs/publishing.md). Payload starts
// its job crons in every instance its request path creates, on the first request, so nothing would
// run after a restart with no traffic. Here a runner ticks only in a Payload instance that
// `startJobs` was called for: the server at start (`src/server/serve.ts`) or `npm run jobs`, a separate
// worker. `JOBS=off` turns a process's runner off; each job is claimed atomically, so several
// runners on one database still run it once (src/features/publishing/schedulePublish.ts).

const running = (payload: Payload) => processState(payload, 'jobRunner', () => ({ on: false }))

/** How often a runner looks for due jobs (croner syntax, seconds first when six fields). */
export const jobsCron = () => process.env.JOBS_CRON || '*/5 * * * * *'

export const jobsConfig: NonNullable<Config['jobs']> = {
  autoRun: () => [{ cron: jobsCron(), queue: 'default', limit: 10, silent: true }],
  // Only the instances startJobs enabled run jobs; the crons of the others tick without work.
  shouldAutoRun: (payload) => running(payload).on,
  // `GET /api/payload-jobs/run` and `/handle-schedules`: an operator's action, not an API client's
  // (Payload's default lets any logged-in user run the queue, read-only API keys included).
  access: { run: ({ req }) => isAdmin({ req }) === true },
}

/**
 * Hands jobs back to Payload's queue whose runner died: Payload marks a job `processing` when it
 * takes it and never looks at it again (fixed only in Payload 4). A job still processing with no
 * live lease (its claim older than the lease, or no claim and untouched for as long) is set
 * back; the task's own claim (./schedulePublish.ts) keeps a job that is done from running twice.
 */
export async function sweepStuckJobs(payload: Payload): Promise<number> {
  const expired = Date.now() - jobLeaseMs()
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [{ processing: { equals: true } }, { updatedAt: { less_than: new Date(expired) } }],
    },
    limit: 100,
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const stuck = docs.filter((job) => {
    const claimedAt = Number((job.input as { claimedAt?: unknown } | null)?.claimedAt ?? 0)
    return claimedAt < expired
  })
  for (const job of stuck)
    await payload.db.updateOne({
      collection: 'payload-jobs',
      id: job.id,
      data: { processing: false },
      returning: false,
    })
  if (stuck.length)
    payload.logger.warn(`Jobs: ${stuck.length} job(s) of a runner that stopped handed back.`)
  return stuck.length
}

/** Starts this instance's job runner (once; not with JOBS=off). Returns whether it runs. */
export async function startJobs(payload: Payload): Promise<boolean> {
  if (process.env.JOBS === 'off') return false
  if (running(payload).on) return true
  running(payload).on = true
  // A Payload initialised with `cron: true` (the server's) has its crons already; a second set
  // would run the queue twice at once in this process, and Payload takes a job with a read and then
  // a write, so both could run the same job.
  if (!payload.crons.length) await payload._initializeCrons()
  const sweep = setInterval(
    () =>
      void sweepStuckJobs(payload).catch((error: Error) =>
        payload.logger.error(`Jobs: cannot hand back stuck jobs: ${error.message}`),
      ),
    Math.min(jobLeaseMs() / 2, 30_000),
  )
  sweep.unref()
  payload.logger.info(`Job runner started (${jobsCron()}).`)
  return true
}
