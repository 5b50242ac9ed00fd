import type { Config, Payload } from 'payload'

import { processState } from '../../server/payload'
import { isAdmin } from '../accounts/roles'

// The job runner (scheduled publish and unpublish, docs/publishing.md). Payload starts
// its job crons in every instance its request path creates, on the first request, so nothing would
// run after a restart with no traffic. Here a runner ticks only in a Payload instance that
// `startJobs` was called for: the server at start (`src/server/index.ts`) or `npm run jobs`, a separate
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

/** Starts this instance's job runner (once; not with JOBS=off). Returns whether it runs. */
export async function startJobs(payload: Payload): Promise<boolean> {
  if (process.env.JOBS === 'off') return false
  if (running(payload).on) return true
  running(payload).on = true
  await payload._initializeCrons()
  payload.logger.info(`Job runner started (${jobsCron()}).`)
  return true
}
