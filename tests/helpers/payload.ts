import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload, SanitizedConfig } from 'payload'

export type TestContext = {
  payload: Payload
  config: SanitizedConfig
  mediaDir: string
  workDir: string
}

/**
 * Boots the app's real Payload config on a fresh database of its own: a new SQLite file by default,
 * or a new database on the MongoDB replica set that globalSetup started (`npm run test:mongo`).
 * The database is chosen through the same DATABASE_URI the app reads, so nothing is mocked.
 */
export async function bootPayload(opts: { databaseUri?: string } = {}): Promise<TestContext> {
  const mongoBase = process.env.MONGO_TEST_URI
  if (mongoBase) {
    const url = new URL(mongoBase)
    url.pathname = `/newsroom_test_${crypto.randomBytes(4).toString('hex')}`
    process.env.DATABASE_URI = url.toString()
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'))
  // A file, not :memory:: libsql hands a transaction its connection and opens a new one for other
  // queries, and a new in-memory connection is a new, empty database.
  if (!mongoBase)
    process.env.DATABASE_URI = opts.databaseUri ?? `file:${path.join(workDir, 'test.db')}`
  const mediaDir = path.join(workDir, 'media')
  process.env.MEDIA_DIR = mediaDir

  // Imported only now: the config reads DATABASE_URI and MEDIA_DIR when it is loaded.
  const { default: configPromise } = await import('@payload-config')
  const { getPayload } = await import('payload')
  const config = await configPromise
  const payload = await getPayload({ config })
  return { payload, config, mediaDir, workDir }
}

export async function shutdown(ctx: TestContext | undefined): Promise<void> {
  if (!ctx) return
  if (process.env.MONGO_TEST_URI)
    await ctx.payload.db.dropDatabase?.({ adapter: ctx.payload.db } as never)
  await ctx.payload.destroy()
  fs.rmSync(ctx.workDir, { recursive: true, force: true })
}

/** Logs a user in (creating it first) and returns the JWT for the Authorization header. */
export async function loginAs(
  payload: Payload,
  email: string,
  roles: string[] = ['admin'],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const password = 'test-password-123'
  const existing = await payload.find({
    collection: 'users',
    where: { email: { equals: email } },
    limit: 1,
  })
  if (!existing.docs.length) {
    await payload.create({
      collection: 'users',
      data: { email, password, roles, ...extra } as never,
    })
  }
  const { token } = await payload.login({ collection: 'users', data: { email, password } })
  if (!token) throw new Error(`login failed for ${email}`)
  return token
}
