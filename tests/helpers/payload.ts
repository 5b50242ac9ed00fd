import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { DatabaseAdapterObj, Payload, SanitizedConfig } from 'payload'

import { quietPush, testLogger } from './quiet'

export type TestContext = {
  payload: Payload
  config: SanitizedConfig
  mediaDir: string
  workDir: string
}

/**
 * Boots the app's real Payload config on a fresh database of its own: a new SQLite file by default,
 * a new database on the PostgreSQL cluster (`npm run test:postgres`) or on the MongoDB replica set
 * (`npm run test:mongo`) that globalSetup started. The database is chosen through the same
 * DATABASE_URI the app reads, so nothing is mocked.
 */
export async function bootPayload(opts: { databaseUri?: string } = {}): Promise<TestContext> {
  const serverBase = process.env.MONGO_TEST_URI ?? process.env.POSTGRES_TEST_URI
  // a database the test made (e.g. through the importer's CLI) or a new one
  if (serverBase && opts.databaseUri) process.env.DATABASE_URI = opts.databaseUri
  else if (serverBase) {
    const url = new URL(serverBase)
    url.pathname = `/newsroom_test_${crypto.randomBytes(4).toString('hex')}`
    process.env.DATABASE_URI = url.toString()
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'))
  // A file, not :memory:: libsql hands a transaction its connection and opens a new one for other
  // queries, and a new in-memory connection is a new, empty database.
  if (!serverBase)
    process.env.DATABASE_URI = opts.databaseUri ?? `file:${path.join(workDir, 'test.db')}`
  const mediaDir = path.join(workDir, 'media')
  process.env.MEDIA_DIR = mediaDir

  // Imported only now: the config reads DATABASE_URI and MEDIA_DIR when it is loaded.
  const { default: configPromise } = await import('@payload-config')
  const { getPayload } = await import('payload')
  const config = await configPromise
  config.logger = testLogger(config.logger) as SanitizedConfig['logger']
  if (process.env.POSTGRES_TEST_URI)
    config.db = fromPostgresTemplate(appAdapter(config)) as SanitizedConfig['db']
  else if (!process.env.MONGO_TEST_URI)
    config.db = fromTemplate(appAdapter(config)) as SanitizedConfig['db']
  const payload = await getPayload({ config })
  return { payload, config, mediaDir, workDir }
}

// The app's adapter as the config built it (bootPayload wraps it again at each boot).
let appDb: DatabaseAdapterObj | undefined
const appAdapter = (config: SanitizedConfig) => (appDb ??= config.db as DatabaseAdapterObj)

type SqliteDb = ReturnType<DatabaseAdapterObj['init']> & {
  clientConfig?: { url?: string }
  client?: { execute: (sql: string) => Promise<unknown> }
  rawTables?: unknown
  push?: boolean
}

/**
 * A new SQLite file starts as a copy of a database pushed once per jest run for the same schema
 * (in the folder globalSetup made), instead of drizzle-kit's schema push at every boot: a push is
 * seconds of a file's time. The copy is the database right after the push, before `onInit`.
 */
function fromTemplate(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  const folder = process.env.NEWSROOM_TEST_TEMPLATES
  return quietPush({
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as SqliteDb
      const connect = db.connect!
      db.connect = async function (options) {
        const url = db.clientConfig?.url ?? ''
        const file = url.startsWith('file:') ? url.slice('file:'.length) : undefined
        if (!folder || !file || fs.existsSync(file)) return connect.call(db, options)
        const schema = JSON.stringify([db.rawTables, args.payload.config.localization])
        const hash = crypto.createHash('sha256').update(schema).digest('hex').slice(0, 16)
        const template = path.join(folder, `${hash}.db`)
        if (fs.existsSync(template)) {
          fs.copyFileSync(template, file)
          db.push = false
          return connect.call(db, options)
        }
        await connect.call(db, options)
        // Written aside and renamed: the other worker may be copying or writing the same template.
        const aside = `${template}.${process.pid}`
        await db.client!.execute(`VACUUM INTO '${aside.replaceAll("'", "''")}'`)
        fs.renameSync(aside, template)
      }
      return db
    },
  })
}

type PostgresDb = ReturnType<DatabaseAdapterObj['init']> & {
  pg: typeof import('pg').default
  pool?: { end: () => Promise<void> }
  poolOptions: { connectionString: string }
  rawTables?: unknown
  push?: boolean
}

/** Runs `task` with a client on the cluster's maintenance database. */
async function onCluster<T>(
  db: PostgresDb,
  task: (client: import('pg').Client) => Promise<T>,
): Promise<T> {
  const client = new db.pg.Client({ connectionString: `${process.env.POSTGRES_TEST_URI}/postgres` })
  await client.connect()
  try {
    return await task(client)
  } finally {
    await client.end()
  }
}

/**
 * PostgreSQL's form of `fromTemplate`: the first file of a run pushes the schema into a template
 * database (under an advisory lock, so the other worker waits for it), and every file's database
 * is `CREATE DATABASE … TEMPLATE` of it, a file copy on the server.
 */
function fromPostgresTemplate(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return quietPush({
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as PostgresDb
      const connect = db.connect!
      db.connect = async function (options) {
        // the config (and so the adapter's URI) is loaded once per file; each boot has its own
        const target = process.env.DATABASE_URI!
        const name = new URL(target).pathname.slice(1)
        const schema = JSON.stringify([db.rawTables, args.payload.config.localization])
        const hash = crypto.createHash('sha256').update(schema).digest('hex').slice(0, 16)
        const template = `newsroom_template_${hash}`
        await onCluster(db, async (client) => {
          const exists = async (database: string) =>
            Boolean(
              (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]))
                .rowCount,
            )
          if (await exists(name)) return // made by the test (its migrations applied)
          await client.query('SELECT pg_advisory_lock(hashtext($1))', [template])
          try {
            if (!(await exists(template))) {
              await client.query(`CREATE DATABASE ${template}`)
              db.poolOptions = {
                ...db.poolOptions,
                connectionString: new URL(`/${template}`, target).toString(),
              }
              await connect.call(db, options) // pushes the schema into the template
              await db.pool!.end()
              db.pool = undefined
            }
            await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
          } finally {
            await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template])
          }
        })
        db.poolOptions = { ...db.poolOptions, connectionString: target }
        db.push = false
        return connect.call(db, options)
      }
      return db
    },
  })
}

export async function shutdown(ctx: TestContext | undefined): Promise<void> {
  if (!ctx) return
  if (process.env.MONGO_TEST_URI)
    await ctx.payload.db.dropDatabase?.({ adapter: ctx.payload.db } as never)
  const postgresDb = process.env.POSTGRES_TEST_URI
    ? (ctx.payload.db as unknown as PostgresDb)
    : undefined
  const database = postgresDb && new URL(postgresDb.poolOptions.connectionString).pathname.slice(1)
  await ctx.payload.destroy()
  if (postgresDb)
    await onCluster(postgresDb, (client) => client.query(`DROP DATABASE ${database} WITH (FORCE)`))
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
