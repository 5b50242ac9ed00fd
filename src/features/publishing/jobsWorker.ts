// `npm run jobs`: a separate worker that runs scheduled publications (src/features/publishing/jobs.ts) until
// SIGTERM/SIGINT. Start web instances with JOBS=off when this worker is the deployment's runner.
import { devPushedDatabaseReason, prepareEnvironment } from '../../server/environment'

prepareEnvironment()
const pushed = await devPushedDatabaseReason()
if (pushed) throw new Error(pushed)
const { default: config } = await import('../../payload.config')
const { getPayload } = await import('payload')
const { startJobs } = await import('./jobs')
const { withStartupLock } = await import('../../database/startupLock')
// Opening the database applies migrations: not while a starting instance does.
const payload = await withStartupLock(() => getPayload({ config, key: 'newsroom-jobs' }))
if (!(await startJobs(payload))) payload.logger.warn('JOBS=off: this worker runs nothing.')
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await payload.destroy()
    process.exit(0)
  })
}
