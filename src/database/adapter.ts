import fs from 'node:fs'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { defaultDatabaseFile } from './file'
import { mongoReadIndexes, sqliteReadIndexes } from './indexes'
import { withWriteLock } from './writeLock'
import { migrations } from '../migrations'

const MONGODB_URI = /^mongodb(\+srv)?:\/\//

// mongoose is loaded only for a MongoDB DATABASE_URI: on SQLite it was a tenth of every start-up.
const mongo = MONGODB_URI.test(process.env.DATABASE_URI ?? '')
  ? await import('@payloadcms/db-mongodb')
  : undefined

/**
 * Picks the database from DATABASE_URI:
 * - unset            → SQLite file data/newsroom.db (data/newsroom-dev.db in dev mode, see below)
 * - file:… / :memory: → SQLite there
 * - mongodb://…      → MongoDB (production; needs a replica set for transactions)
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

  if (uri.startsWith('file:') || uri === ':memory:') {
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
          wal: uri.startsWith('file:'),
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
    `DATABASE_URI "${uri.replace(/\/\/[^@]*@/, '//***@')}" is not supported: use file:<path>, :memory: or mongodb://…`,
  )
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
