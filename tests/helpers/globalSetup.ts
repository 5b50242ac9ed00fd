import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// The schema-pushed SQLite databases that test files copy (tests/helpers/payload.ts), one folder
// per run: a schema change never meets an old copy.
// `npm run test:postgres` runs the same suite on a throw-away PostgreSQL cluster (scripts/postgres.mjs,
// Debian's postgresql; POSTGRES_TEST_URI=postgres://user@host:port names a running server instead).
// `npm run test:mongo` runs the same suite on MongoDB through mongodb-memory-server (a one-node
// replica set, so transactions work). Where no mongod can be had it stops with one clear line.
export default async function globalSetup(): Promise<void> {
  process.env.NEWSROOM_TEST_TEMPLATES = fs.mkdtempSync(
    path.join(os.tmpdir(), 'newsroom-templates-'),
  )
  if (process.env.TEST_DB === 'postgres') {
    if (process.env.POSTGRES_TEST_URI) return
    const { startPostgres } = await import('../../scripts/postgres.mjs')
    try {
      const cluster = await startPostgres({ durable: false })
      ;(globalThis as Record<string, unknown>).__POSTGRES__ = cluster
      process.env.POSTGRES_TEST_URI = cluster.uri
    } catch (error) {
      console.error(`test:postgres: ${(error as Error).message.split('\n')[0]}`)
      process.exit(1)
    }
    return
  }
  if (process.env.TEST_DB !== 'mongo') return
  const { MongoMemoryReplSet } = await import('mongodb-memory-server')
  try {
    const replSet = await MongoMemoryReplSet.create({
      replSet: { count: 1, storageEngine: 'wiredTiger' },
    })
    ;(globalThis as Record<string, unknown>).__MONGO_REPLSET__ = replSet
    process.env.MONGO_TEST_URI = replSet.getUri()
  } catch (error) {
    const reason = ((error as Error).message || String(error)).split('\n')[0]
    console.error(
      `test:mongo: no mongod available (${reason}). Install MongoDB and set MONGOMS_SYSTEM_BINARY=/path/to/mongod.`,
    )
    process.exit(1)
  }
}
