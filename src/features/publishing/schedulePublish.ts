import type {
  CollectionSlug,
  PayloadRequest,
  SanitizedConfig,
  TypedLocale,
  TypedUser,
} from 'payload'

import { dialectOf, execute, sql } from '../../database/dialect'
import { LOCALE_CODES } from '../languages/locales'

// Scheduled publish and unpublish (`versions.drafts.schedulePublish`, docs/publishing.md "Saving and
// publishing"). Payload's `schedulePublish` task publishes in one locale only and unpublishes
// the default locale whatever was asked; with `localizeStatus` we need: publish or unpublish in
// the job's locale, or in every locale when the job names none. It also must run once when several
// runners share one database: Payload claims jobs with a read and then a write, which two
// processes can both pass, so a job is claimed once more with one atomic statement here.

export const SCHEDULE_TASK = 'schedulePublish'

export type ScheduleInput = {
  type?: 'publish' | 'unpublish'
  locale?: string | null
  doc?: { relationTo: string; value: string }
  global?: string | null
  user?: { relationTo: string; value: string } | null
  timezone?: string
}

type MongoJobs = {
  updateOne: (filter: object, update: object) => Promise<{ modifiedCount: number }>
}
const mongoJobs = (req: PayloadRequest) =>
  (req.payload.db as unknown as { collections: Record<string, MongoJobs> }).collections[
    'payload-jobs'
  ]!

/** Atomically marks the job as taken by this run; false when another runner has it already. */
async function claim(req: PayloadRequest, jobId: string | number, runId: string): Promise<boolean> {
  const { payload } = req
  switch (dialectOf(payload)) {
    case 'sqlite':
      return (
        (
          await execute(
            payload,
            sql`UPDATE payload_jobs SET input = json_set(input, '$.claimedBy', ${runId})
                WHERE id = ${jobId} AND json_extract(input, '$.claimedBy') IS NULL`,
          )
        ).rowCount === 1
      )
    case 'postgres':
      // One statement: PostgreSQL re-checks the WHERE on the row it locked, so a second runner's
      // UPDATE waits for the first and then matches nothing.
      return (
        (
          await execute(
            payload,
            sql`UPDATE payload_jobs SET input = jsonb_set(input, '{claimedBy}', to_jsonb(${runId}::text))
                WHERE id = ${jobId} AND input ->> 'claimedBy' IS NULL`,
          )
        ).rowCount === 1
      )
    case 'mongodb':
      return (
        (
          await mongoJobs(req).updateOne(
            { _id: jobId, 'input.claimedBy': { $exists: false } },
            { $set: { 'input.claimedBy': runId } },
          )
        ).modifiedCount === 1
      )
  }
}

/** Gives the claim back, so that a retry can run. */
async function release(req: PayloadRequest, jobId: string | number, runId: string): Promise<void> {
  const { payload } = req
  switch (dialectOf(payload)) {
    case 'sqlite':
      await execute(
        payload,
        sql`UPDATE payload_jobs SET input = json_remove(input, '$.claimedBy')
            WHERE id = ${jobId} AND json_extract(input, '$.claimedBy') = ${runId}`,
      )
      return
    case 'postgres':
      await execute(
        payload,
        sql`UPDATE payload_jobs SET input = input - 'claimedBy'
            WHERE id = ${jobId} AND input ->> 'claimedBy' = ${runId}`,
      )
      return
    case 'mongodb':
      await mongoJobs(req).updateOne(
        { _id: jobId, 'input.claimedBy': runId },
        { $unset: { 'input.claimedBy': '' } },
      )
  }
}

/** Runs one scheduled change with the access of the user who scheduled it. */
export async function runScheduledChange(req: PayloadRequest, input: ScheduleInput) {
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
    if (!(await claim(req, job.id, runId))) return { output: {} }
    try {
      await runScheduledChange(req, input as ScheduleInput)
    } catch (error) {
      // A failed run (e.g. SQLITE_BUSY while another process writes) is retried by any runner.
      await release(req, job.id, runId)
      throw error
    }
    return { output: {} }
  }
  task.retries = 5
  return config
}
