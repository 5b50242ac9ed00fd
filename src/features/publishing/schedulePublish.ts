import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type CollectionSlug,
  type PayloadRequest,
  type SanitizedConfig,
  type TypedLocale,
  type TypedUser,
} from 'payload'
import { logRefusedPublish } from 'payload-plugin-ai-disclosure'

import { dialectOf, execute, sql } from '../../database/dialect'
import { LOCALE_CODES } from '../languages/locales'

// Scheduled publish and unpublish (`versions.drafts.schedulePublish`, docs/publishing.md "Saving and
// publishing"). Payload's `schedulePublish` task publishes in one locale only and unpublishes
// the default locale whatever was asked; with `localizeStatus` we need: publish or unpublish in
// the job's locale, or in every locale when the job names none. It also must run once when several
// runners share one database: Payload claims jobs with a read and then a write, which two
// processes can both pass, so a job is claimed once more with one atomic statement here, under a
// lease (a runner killed mid-job leaves its claim, which another runner takes over once the lease
// ran out; `sweepStuckJobs` in ./jobs.ts hands such a job back to Payload's queue), and the
// change commits together with the mark that it was made, so it takes effect once.

export const SCHEDULE_TASK = 'schedulePublish'

export type ScheduleInput = {
  type?: 'publish' | 'unpublish'
  locale?: string | null
  doc?: { relationTo: string; value: string }
  global?: string | null
  user?: { relationTo: string; value: string } | null
  timezone?: string
}

/** How long a claim holds: after it, another runner may take the job over (its runner died). */
export const jobLeaseMs = () => Math.max(1000, Number(process.env.JOBS_LEASE_SECONDS || 60) * 1000)

type MongoJobs = {
  updateOne: (filter: object, update: object) => Promise<{ modifiedCount: number }>
}
const mongoJobs = (req: PayloadRequest) =>
  (req.payload.db as unknown as { collections: Record<string, MongoJobs> }).collections[
    'payload-jobs'
  ]!

/**
 * Atomically takes the job for this run: when nobody holds it, or its holder's lease ran out
 * (a runner killed mid-job). `done`: a run already made the change (see `markDone`).
 */
async function claim(
  req: PayloadRequest,
  jobId: string | number,
  runId: string,
): Promise<'claimed' | 'held' | 'done'> {
  const { payload } = req
  const now = Date.now()
  const expired = now - jobLeaseMs()
  let claimed = false
  switch (dialectOf(payload)) {
    case 'sqlite':
      claimed =
        (
          await execute(
            payload,
            sql`UPDATE payload_jobs SET input = json_set(input, '$.claimedBy', ${runId}, '$.claimedAt', ${now})
                WHERE id = ${jobId} AND json_extract(input, '$.doneBy') IS NULL
                  AND (json_extract(input, '$.claimedBy') IS NULL OR json_extract(input, '$.claimedAt') < ${expired})`,
          )
        ).rowCount === 1
      break
    case 'postgres':
      // One statement: PostgreSQL re-checks the WHERE on the row it locked, so a second runner's
      // UPDATE waits for the first and then matches nothing.
      claimed =
        (
          await execute(
            payload,
            sql`UPDATE payload_jobs
                SET input = input || jsonb_build_object('claimedBy', ${runId}::text, 'claimedAt', ${now}::bigint)
                WHERE id = ${jobId} AND input ->> 'doneBy' IS NULL
                  AND (input ->> 'claimedBy' IS NULL OR (input ->> 'claimedAt')::bigint < ${expired}::bigint)`,
          )
        ).rowCount === 1
      break
    case 'mongodb':
      claimed =
        (
          await mongoJobs(req).updateOne(
            {
              _id: jobId,
              'input.doneBy': { $exists: false },
              $or: [
                { 'input.claimedBy': { $exists: false } },
                { 'input.claimedAt': { $lt: expired } },
              ],
            },
            { $set: { 'input.claimedBy': runId, 'input.claimedAt': now } },
          )
        ).modifiedCount === 1
  }
  if (claimed) return 'claimed'
  return (await jobInput(req, jobId))?.doneBy ? 'done' : 'held'
}

/** The job's input as stored (with the claim), read in `req`'s transaction when it has one. */
async function jobInput(req: PayloadRequest, jobId: string | number) {
  const job = await req.payload.db.findOne<{
    id: string | number
    input?: Record<string, unknown>
  }>({ collection: 'payload-jobs', where: { id: { equals: jobId } }, req })
  return job?.input
}

/** Gives the claim back, so that a retry can run. */
async function release(req: PayloadRequest, jobId: string | number, runId: string): Promise<void> {
  const { payload } = req
  switch (dialectOf(payload)) {
    case 'sqlite':
      await execute(
        payload,
        sql`UPDATE payload_jobs SET input = json_remove(input, '$.claimedBy', '$.claimedAt')
            WHERE id = ${jobId} AND json_extract(input, '$.claimedBy') = ${runId}`,
      )
      return
    case 'postgres':
      await execute(
        payload,
        sql`UPDATE payload_jobs SET input = input - 'claimedBy' - 'claimedAt'
            WHERE id = ${jobId} AND input ->> 'claimedBy' = ${runId}`,
      )
      return
    case 'mongodb':
      await mongoJobs(req).updateOne(
        { _id: jobId, 'input.claimedBy': runId },
        { $unset: { 'input.claimedBy': '', 'input.claimedAt': '' } },
      )
  }
}

/**
 * Records in the job, inside the transaction of the change itself, that the change was made: a
 * runner that takes the job over after this one died never makes it a second time.
 */
async function markDone(req: PayloadRequest, jobId: string | number, runId: string) {
  await req.payload.db.updateOne({
    collection: 'payload-jobs',
    id: jobId,
    data: { input: { ...(await jobInput(req, jobId)), doneBy: runId } },
    req,
    returning: false,
  })
}

/** Tests only: holds a run before or after its change (`before:5000`), so a test can kill it there. */
async function testHold(phase: 'before' | 'after') {
  const [at, ms] = (process.env.NEWSROOM_TEST_JOB_HOLD ?? '').split(':')
  if (at !== phase || !(Number(ms) > 0)) return
  console.log(`jobs: holding ${phase} the change for ${ms} ms (NEWSROOM_TEST_JOB_HOLD)`)
  await new Promise((resolve) => setTimeout(resolve, Number(ms)))
}

/** Runs one scheduled change with the access of the user who scheduled it. */
export async function runScheduledChange(
  req: PayloadRequest,
  input: ScheduleInput,
  transactionReq?: PayloadRequest,
) {
  const { payload } = req
  let user: TypedUser | null = null
  if (input.user && typeof input.user === 'object') {
    user = (await payload.findByID({
      collection: input.user.relationTo as 'users',
      id: input.user.value,
      depth: 0,
      disableErrors: true,
    })) as TypedUser | null
    if (!user) throw new Error('The user who scheduled this change no longer exists.')
    ;(user as { collection?: string }).collection = input.user.relationTo
  }
  const locales = LOCALE_CODES
  const locale = input.locale && locales.includes(input.locale) ? input.locale : undefined
  const unpublish = input.type === 'unpublish'
  const common = {
    depth: 0,
    ...(transactionReq ? { req: transactionReq } : {}),
    overrideAccess: user === null,
    user,
    ...(locale
      ? { locale: locale as TypedLocale, data: { _status: unpublish ? 'draft' : 'published' } }
      : unpublish
        ? { unpublishAllLocales: true, data: {} }
        : { publishAllLocales: true, data: { _status: 'published' } }),
  } as const
  if (input.doc) {
    await payload.update({
      collection: input.doc.relationTo as CollectionSlug,
      id: input.doc.value,
      ...(common as object),
    } as never)
  } else if (input.global) {
    await payload.updateGlobal({ slug: input.global as never, ...(common as object) } as never)
  }
}

/** The sanitized config with Payload's `schedulePublish` handler replaced by ours. */
export function withLocaleAwareSchedulePublish(config: SanitizedConfig): SanitizedConfig {
  type Handler = (args: {
    input: unknown
    job: { id: string | number }
    req: PayloadRequest
  }) => Promise<{ output: object }>
  const task = config.jobs?.tasks?.find((t) => t.slug === SCHEDULE_TASK) as
    { handler: Handler | string; retries?: number } | undefined
  if (!task) return config
  task.handler = async ({ input, job, req }) => {
    const runId = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`
    const claimed = await claim(req, job.id, runId)
    if (claimed === 'done') return { output: {} }
    // Another runner is on it: retried later, and taken over if that runner's lease runs out.
    if (claimed === 'held') throw new Error('This scheduled change is being run by another runner.')
    try {
      await testHold('before')
      // The change and the record that it was made commit together.
      const txReq = await createLocalReq({}, req.payload)
      await initTransaction(txReq)
      try {
        await runScheduledChange(req, input as ScheduleInput, txReq)
        await markDone(txReq, job.id, runId)
        await commitTransaction(txReq)
      } catch (error) {
        await killTransaction(txReq)
        throw error
      }
      await testHold('after')
    } catch (error) {
      // The AI-disclosure publish rule refused it (docs/ai-disclosure.md): a decision, not a
      // failure, so no retry; the reason goes to the disclosure log (editors read it there), the
      // server log and the job's output.
      if ((error as Error | undefined)?.name === 'UnreviewedPublishError') {
        req.payload.logger.warn({
          msg: `Scheduled publish refused: ${(error as Error).message}`,
          input,
        })
        const { doc, locale } = input as ScheduleInput
        if (doc)
          await logRefusedPublish({
            collection: doc.relationTo,
            id: doc.value,
            locale,
            reason: (error as Error).message,
            req,
          })
        return { output: { refused: (error as Error).message } }
      }
      // A failed run (e.g. SQLITE_BUSY while another process writes) is retried by any runner.
      await release(req, job.id, runId)
      throw error
    }
    return { output: {} }
  }
  // Enough retries to outlast a lease held by a runner that died (JOBS_LEASE_SECONDS).
  task.retries = 20
  return config
}
