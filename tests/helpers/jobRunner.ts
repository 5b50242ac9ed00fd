// A job runner process for tests/scheduling.test.ts: the app's config on DATABASE_URI, with the
// runner started as the server and `npm run jobs` start it (src/features/publishing/jobs.ts). Prints "ready".
const { default: config } = await import('../../src/payload.config')
const { getPayload } = await import('payload')
const { startJobs } = await import('../../src/features/publishing/jobs')
const payload = await getPayload({ config })
await startJobs(payload)
console.log('ready')
process.once('SIGTERM', async () => {
  await payload.destroy()
  process.exit(0)
})
export {}
