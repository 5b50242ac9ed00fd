import { AsyncLocalStorage } from 'node:async_hooks'
import { createRequire } from 'node:module'

import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

/**
 * One writer at a time per SQLite file in this process, queued without blocking the event loop.
 *
 * libsql runs SQLite synchronously. A second transaction's `BEGIN IMMEDIATE` (or a write outside a
 * transaction) while another transaction of the same process holds the write lock waits in SQLite's
 * busy handler *on the event-loop thread*: the holder can never finish, so the waiter fails with
 * SQLITE_BUSY (four parallel uploads: three 500s). Worse, libsql hands a transaction its connection
 * and opens a fresh one for everything else, and the fresh one has no busy timeout at all.
 *
 * So, per database file:
 * - transactions queue for the lock in JavaScript and take SQLite's write lock (`BEGIN IMMEDIATE`)
 *   at their first statement, not when Payload opens them;
 * - a write outside any transaction waits for the lock too, except while the holder has not touched
 *   the database yet: Payload deliberately writes beside its own open transaction (the
 *   forgot-password reservation), and that transaction starts only after such a write is done;
 * - every connection libsql opens gets the adapter's busy timeout, which is left for other
 *   processes on the same file (`npm run seed` while the server runs);
 * - a file's transactions run on one connection of their own, kept open (`writerConnection`).
 */

/** Payload's adapter methods that write (BaseDatabaseAdapter). */
const WRITE_METHODS = [
  'create',
  'createGlobal',
  'createGlobalVersion',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'updateGlobal',
  'updateGlobalVersion',
  'updateJobs',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const satisfies readonly (keyof BaseDatabaseAdapter)[]

/** How long a write waits for the lock before it fails with a clear error (a stuck transaction). */
export const LOCK_WAIT_MS = 30_000

type Holder = { started: boolean }

class WriteLock {
  private holder: Holder | null = null
  private queue: Array<(holder: Holder | null) => void> = []
  private beside = 0
  private besideDone: Array<() => void> = []

  acquire(holder: Holder): Promise<void> {
    if (!this.holder) {
      this.holder = holder
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const take = () => {
        clearTimeout(timer)
        this.holder = holder
        resolve()
      }
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((entry) => entry !== take)
        reject(
          new Error(
            `The database stayed busy for ${LOCK_WAIT_MS / 1000} s (another write of this process held it).`,
          ),
        )
      }, LOCK_WAIT_MS)
      this.queue.push(take)
    })
  }

  release(holder: Holder): void {
    if (this.holder !== holder) return
    this.holder = null
    this.queue.shift()?.(null)
  }

  /** Resolves once no write outside a transaction is running beside the holder. */
  besideFinished(): Promise<void> {
    if (!this.beside) return Promise.resolve()
    return new Promise((resolve) => this.besideDone.push(resolve))
  }

  private readonly outside = new AsyncLocalStorage<true>()

  /** A write outside any transaction (nested calls of one such write run directly). */
  async runOutside<T>(fn: () => Promise<T>): Promise<T> {
    if (this.outside.getStore()) return fn()
    if (this.holder && !this.holder.started) {
      this.beside++
      try {
        return await this.outside.run(true, fn)
      } finally {
        if (!--this.beside) this.besideDone.splice(0).forEach((resolve) => resolve())
      }
    }
    const self: Holder = { started: true }
    await this.acquire(self)
    try {
      return await this.outside.run(true, fn)
    } finally {
      this.release(self)
    }
  }
}

type Statement = string | { sql: string; args?: unknown }
type LibsqlTransaction = {
  execute(stmt: Statement, args?: unknown): Promise<unknown>
  batch(stmts: Statement[]): Promise<unknown>
  executeMultiple(sql: string): Promise<unknown>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): void
  readonly closed: boolean
}
type LibsqlClient = {
  close(): void
  execute(stmt: Statement, args?: unknown): Promise<unknown>
  transaction(mode?: string): Promise<LibsqlTransaction>
}
type Connection = { close(): void; exec(sql: string): unknown; readonly inTransaction: boolean }

const BEGIN: Record<string, string> = {
  deferred: 'BEGIN DEFERRED',
  read: 'BEGIN TRANSACTION READONLY',
  write: 'BEGIN IMMEDIATE',
}

/**
 * Transactions on one connection of their own, kept open for the next one.
 *
 * @libsql/client's `transaction()` hands the transaction the client's connection and opens a new one
 * for everything after it, and never closes the old one. So every write left a connection to the
 * garbage collector, and the next statement on the new one parsed the schema and compiled its SQL
 * again (statementCache.ts keeps statements per connection): a publish took 12–32% longer in 3 of 4
 * A/B runs (docs/performance.md). Transactions of this process are one at a time (the lock above), so one
 * connection serves them all. An in-memory database keeps libsql's way: a second connection to it
 * would be a second database.
 */
function writerConnection(
  clientConfig: { url: string },
  pragmas: string[],
): { begin: (mode: string) => LibsqlTransaction; close: () => void } | undefined {
  let open: (() => Connection) | undefined
  let Transaction: new (db: Connection, intMode: string) => LibsqlTransaction
  let intMode: string
  try {
    // the copies @libsql/client itself uses (the adapter's), not whichever a plain import finds
    const require = createRequire(createRequire(import.meta.url).resolve('@libsql/client'))
    const { expandConfig, isInMemoryConfig } = require('@libsql/core/config')
    const config = expandConfig(clientConfig, true)
    if (config.scheme !== 'file' || isInMemoryConfig(config) || config.syncUrl) return undefined
    const Database = require('libsql') as new (path: string, options: object) => Connection
    Transaction = require('@libsql/client/sqlite3').Sqlite3Transaction
    intMode = config.intMode
    const options = { authToken: config.authToken, encryptionKey: config.encryptionKey }
    open = () => {
      const db = new Database(config.path, options)
      for (const sql of pragmas) db.exec(sql)
      return db
    }
  } catch {
    return undefined // a bundle that cannot resolve them: libsql's own way
  }
  let connection: Connection | undefined
  // The transaction that has the connection now: a late call of an earlier one (its close() runs
  // after the lock was handed on) must not reach the next one's work.
  let current: LibsqlTransaction | undefined
  return {
    begin(mode) {
      connection ??= open()
      // Only the lock's holder begins here, so a transaction still open on it was abandoned.
      if (connection.inTransaction) connection.exec('ROLLBACK')
      connection.exec(BEGIN[mode] ?? BEGIN.write!)
      const tx = new Transaction(connection, intMode)
      const own = () => {
        if (current !== handle) throw new Error('The transaction is closed')
      }
      const handle: LibsqlTransaction = {
        execute: async (stmt, args) => (own(), tx.execute(stmt, args)),
        batch: async (stmts) => (own(), tx.batch(stmts)),
        executeMultiple: async (sql) => (own(), tx.executeMultiple(sql)),
        commit: async () => (own(), tx.commit()),
        rollback: async () => (current === handle ? tx.rollback() : undefined),
        close: () => {
          if (current !== handle) return
          current = undefined
          tx.close()
        },
        get closed() {
          return current !== handle || tx.closed
        },
      }
      current = handle
      return handle
    },
    close() {
      connection?.close()
      connection = undefined
    },
  }
}

/** A libsql transaction that waits its turn and begins at its first statement. */
class QueuedTransaction implements Holder {
  started = false
  private inner?: Promise<LibsqlTransaction>
  private finished = false

  constructor(
    private readonly begin: () => Promise<LibsqlTransaction>,
    private readonly lock: WriteLock,
  ) {}

  private tx(): Promise<LibsqlTransaction> {
    if (!this.inner) {
      this.started = true
      this.inner = this.lock.besideFinished().then(this.begin)
    }
    return this.inner
  }

  async execute(stmt: Statement, args?: unknown) {
    return (await this.tx()).execute(stmt, args)
  }
  async batch(stmts: Statement[]) {
    return (await this.tx()).batch(stmts)
  }
  async executeMultiple(sql: string) {
    return (await this.tx()).executeMultiple(sql)
  }
  async commit() {
    try {
      if (this.inner) await (await this.inner).commit()
    } finally {
      this.finish()
    }
  }
  async rollback() {
    try {
      if (this.inner) await (await this.inner.catch(() => undefined))?.rollback()
    } finally {
      this.finish()
    }
  }
  close() {
    void this.inner?.then((tx) => tx.close()).catch(() => undefined)
    this.finish()
  }
  get closed() {
    return this.finished
  }
  private finish() {
    if (this.finished) return
    this.finished = true
    this.lock.release(this)
  }
}

// Shared by every adapter of this process on the same file. Adapters are made by the copy of this
// module that builds the config (the server's: Next's bundle is handed that config, and Payload's
// hot reload re-initialises the adapter it has).
const locks = new Map<string, WriteLock>()
const lockFor = (url: string) => {
  let lock = locks.get(url)
  if (!lock) locks.set(url, (lock = new WriteLock()))
  return lock
}

type SqliteAdapter = BaseDatabaseAdapter & {
  busyTimeout?: number
  clientConfig: { url: string }
  sessions: Record<string, unknown>
  wal?: false | { synchronous?: string }
}

function queueTransactions(
  client: LibsqlClient,
  lock: WriteLock,
  pragmas: string[],
  clientConfig: { url: string },
): void {
  const transaction = client.transaction.bind(client)
  const execute = client.execute.bind(client)
  const writer = writerConnection(clientConfig, pragmas)
  const begin = writer
    ? async (mode: string) => writer.begin(mode)
    : (mode: string) => {
        // libsql's calls run synchronously: the transaction takes the connection and libsql opens
        // a fresh one for other queries, which gets the pragmas before anything else can use it.
        const began = transaction(mode)
        const applied = Promise.all(pragmas.map((sql) => execute(sql)))
        return applied.then(() => began)
      }
  client.transaction = async (mode = 'write') => {
    const tx = new QueuedTransaction(() => begin(mode), lock)
    await lock.acquire(tx)
    return tx as unknown as LibsqlTransaction
  }
  if (writer) {
    const close = client.close.bind(client)
    client.close = () => {
      writer.close()
      close()
    }
  }
}

/** db-sqlite's adapter with writes queued per file in this process (see above). */
export function withWriteLock(adapterObj: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapterObj,
    init: (args) => {
      const adapter = adapterObj.init(args) as SqliteAdapter
      const lock = lockFor(adapter.clientConfig.url)
      const pragmas = [
        ...(adapter.busyTimeout ? [`PRAGMA busy_timeout = ${adapter.busyTimeout}`] : []),
        ...(adapter.wal && adapter.wal.synchronous
          ? [`PRAGMA synchronous = ${adapter.wal.synchronous}`]
          : []),
      ]
      // The adapter creates its libsql client in connect(); queue its transactions as it is set.
      let client: LibsqlClient | undefined
      Object.defineProperty(adapter, 'client', {
        configurable: true,
        enumerable: true,
        get: () => client,
        set: (value: LibsqlClient | undefined) => {
          if (value) queueTransactions(value, lock, pragmas, adapter.clientConfig)
          client = value
        },
      })
      for (const name of WRITE_METHODS) {
        const write = adapter[name] as (args: { req?: { transactionID?: unknown } }) => unknown
        if (typeof write !== 'function') continue
        ;(adapter as unknown as Record<string, unknown>)[name] = async function (
          this: unknown,
          writeArgs: { req?: { transactionID?: unknown } },
        ) {
          const id = await writeArgs?.req?.transactionID
          if (id != null && adapter.sessions[String(id)]) return write.call(this, writeArgs)
          return lock.runOutside(async () => write.call(this, writeArgs))
        }
      }
      return adapter
    },
  }
}
