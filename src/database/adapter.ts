import fs from 'node:fs'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { defaultDatabaseFile } from './file'
import { installStatementCache } from './statementCache'
import { mongoReadIndexes, sqlReadIndexes, sqliteReadIndexes } from './indexes'
import { withWriteLock } from './writeLock'
import { migrations } from '../migrations'

const MONGODB_URI = /^mongodb(\+srv)?:\/\//
const POSTGRES_URI = /^postgres(ql)?:\/\//

// mongoose and pg are loaded only for their DATABASE_URI: on SQLite mongoose alone was a tenth of
// every start-up. PostgreSQL's migrations import db-postgres, so they are loaded with it.
const mongo = MONGODB_URI.test(process.env.DATABASE_URI ?? '')
  ? await import('@payloadcms/db-mongodb')
  : undefined
const postgres = POSTGRES_URI.test(process.env.DATABASE_URI ?? '')
  ? {
      ...(await import('@payloadcms/db-postgres')),
      index: (await import('@payloadcms/db-postgres/drizzle/pg-core')).index,
      migrations: (await import('../migrations/postgres')).migrations,
    }
  : undefined

/**
 * Picks the database from DATABASE_URI:
 * - unset            → SQLite file data/newsroom.db (data/newsroom-dev.db in dev mode, see below)
 * - file:… / :memory: → SQLite there
 * - postgres://…     → PostgreSQL (migrations in src/migrations/postgres/)
 * - mongodb://…      → MongoDB (wired, not exercised here; needs a replica set for transactions)
 *
 * Dev mode pushes schema changes straight into SQLite, while production applies the committed
 * migrations. Payload asks an interactive question when it migrates a database that dev mode
 * pushed to, so the two never share the default file.
 */
export function databaseAdapter(uri = process.env.DATABASE_URI): DatabaseAdapterObj {
  if (!uri) {
    const file = defaultDatabaseFile()
    fs.mkdirSync(path.dirname(file), { recursive: true })
    uri = `file:${file}`
  }

  if (MONGODB_URI.test(uri)) {
    if (!mongo)
      throw new Error('DATABASE_URI must name the MongoDB database before src/database is loaded')
    return mongo.mongooseAdapter({
      url: uri,
      afterOpenConnection: (adapter) => mongoReadIndexes(adapter as never),
    })
  }

  if (POSTGRES_URI.test(uri)) {
    if (!postgres)
      throw new Error(
        'DATABASE_URI must name the PostgreSQL database before src/database is loaded',
      )
    return ownsItsPool(
      postgres.postgresAdapter({
        // JIT compilation off: the planner's estimates for Payload's lateral subqueries on small
        // tables pass jit_above_cost, and compiling took ~95 ms of a 1 ms read (the consent global).
        pool: { connectionString: uri, options: '-c jit=off' },
        idType: 'uuid',
        // Each dialect's migrations carry its own schema snapshots, so each has its own folder;
        // `migrate:create` writes where the running adapter points (docs/database.md).
        migrationDir: path.resolve('src/migrations/postgres'),
        prodMigrations: postgres.migrations,
        afterSchemaInit: [sqlReadIndexes(postgres.index as never) as never],
      }),
    )
  }

  if (uri.startsWith('file:') || uri === ':memory:') {
    // A read's SQL is compiled once per connection, not per read (src/database/statementCache.ts).
    installStatementCache()
    // One writer at a time per file in this process, queued without blocking (src/database/writeLock.ts);
    // a graceful shutdown closes the file (closesItsClient).
    return withWriteLock(
      closesItsClient(
        sqliteAdapter({
          client: { url: uri },
          // String ids on both databases keep the REST/GraphQL contract and the generated types the same.
          idType: 'uuid',
          // Applied on every production start (Payload runs them before onInit).
          prodMigrations: migrations,
          // Left for other processes on the same file; within this process writes queue (writeLock.ts).
          busyTimeout: 5000,
          // Readers do not block the writer: the server and `npm run seed` can share the file.
          wal: uri.startsWith('file:') && { synchronous: sqliteSynchronous() },
          // Off by default in db-sqlite; the importer's per-file atomicity and Payload's own multi-step
          // operations (versions, uploads) need them.
          transactionOptions: {},
          // Indexes for the API's and the admin's reads (src/database/indexes.ts).
          afterSchemaInit: [sqliteReadIndexes],
        }),
      ),
    )
  }

  throw new Error(
    `DATABASE_URI "${uri.replace(/\/\/[^@]*@/, '//***@')}" is not supported: use file:<path>, :memory:, postgres://… or mongodb://…`,
  )
}

/**
 * SQLITE_SYNCHRONOUS: FULL (the default) syncs the WAL to disk at every commit, so an answered
 * write survives a power loss; NORMAL syncs only at checkpoints (a commit is ~1 fsync cheaper): still
 * crash-safe for the process and never corrupt, but an OS crash or power loss may lose the last
 * commits (docs/database.md#durability-sqlite_synchronous).
 */
export function sqliteSynchronous(value = process.env.SQLITE_SYNCHRONOUS): 'FULL' | 'NORMAL' {
  const setting = (value || 'FULL').toUpperCase()
  if (setting !== 'FULL' && setting !== 'NORMAL')
    throw new Error(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, not "${value}"`)
  return setting
}

/**
 * db-sqlite's `destroy()` forgets its libsql client without closing it, so `payload.destroy()` left
 * the database file open until the process died. Here it writes the WAL back into the database file
 * (an empty -wal file afterwards: everything is in the .db file) and closes the client, so a graceful
 * shutdown really closes the database; a later connect opens a new client.
 */
function closesItsClient(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as ReturnType<DatabaseAdapterObj['init']> & {
        client?: { close: () => void; execute: (sql: string) => Promise<unknown> }
      }
      const destroy = db.destroy
      db.destroy = async function (this: unknown) {
        await destroy?.call(db)
        await db.client?.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined)
        db.client?.close()
        db.client = undefined
      }
      return db
    },
  }
}

/**
 * db-postgres checks out one pooled connection at connect and never gives it back, and its
 * `destroy()` leaves the pool open: `payload.destroy()` could not end it (the process would not
 * exit). Here the pool is made first, checked with a connection that is released, and ended on
 * destroy. An idle connection the server drops (a restart) is logged instead of ending the process
 * as an unhandled 'error' event. A failed job update gives its transaction back (below).
 */
function ownsItsPool(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  type Pool = {
    connect: () => Promise<{ release: () => void }>
    end: () => Promise<void>
    on: (event: 'error', listener: (err: Error) => void) => void
  }
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as ReturnType<DatabaseAdapterObj['init']> & {
        pg: { Pool: new (options: unknown) => Pool }
        pool?: Pool
        poolOptions: unknown
      }
      const { connect, destroy, updateJobs } = db
      // Payload's updateJob begins a transaction and commits it, but does not roll it back when
      // the update fails (a job another runner completed and deleted meanwhile: a foreign key
      // error on its log): the connection would stay "idle in transaction" for ever.
      db.updateJobs = async function (jobArgs) {
        try {
          return await updateJobs.call(db, jobArgs)
        } catch (error) {
          const id = await jobArgs.req?.transactionID
          if (id !== undefined) await db.rollbackTransaction(id)
          throw error
        }
      }
      db.connect = async function (options) {
        if (!db.pool) {
          const pool = new db.pg.Pool(db.poolOptions)
          pool.on('error', (err) =>
            args.payload.logger.warn({ err, msg: 'PostgreSQL dropped an idle connection' }),
          )
          try {
            ;(await pool.connect()).release()
            db.pool = pool
          } catch {
            // db-postgres reports it, or creates the database when it does not exist yet
            await pool.end().catch(() => undefined)
          }
        }
        return connect!.call(db, options)
      }
      db.destroy = async function (this: unknown) {
        await destroy?.call(db)
        const pool = db.pool
        db.pool = undefined
        await pool?.end()
      }
      return db
    },
  }
}
