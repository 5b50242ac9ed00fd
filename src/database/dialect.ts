import type { Payload, PayloadRequest } from 'payload'
import { type SQL, sql } from '@payloadcms/db-sqlite/drizzle'

/**
 * The few helpers hand-written SQL needs on SQLite and PostgreSQL (docs/database.md, "Dialects").
 * A feature that writes SQL keeps it in one file with a `switch (dialectOf(payload))`: one statement
 * per dialect, side by side, and MongoDB either through Payload's API or plainly not implemented.
 *
 * `sql` is drizzle's template tag (the same drizzle for both SQL adapters): values are bound as
 * parameters, never spliced into the text; `sql.identifier(name)` quotes a table or column name.
 */
export { sql }
export type { SQL }

export type Dialect = 'sqlite' | 'postgres' | 'mongodb'

/** Which database the adapter speaks, from the adapter Payload was configured with. */
export function dialectOf(payload: Pick<Payload, 'db'>): Dialect {
  switch (payload.db.name) {
    case 'sqlite':
      return 'sqlite'
    case 'postgres':
      return 'postgres'
    case 'mongoose':
      return 'mongodb'
    default:
      throw new Error(`Unknown database adapter "${payload.db.name}"`)
  }
}

export type SqlResult = {
  /** Result rows as plain objects, keyed by column name. */
  rows: Record<string, unknown>[]
  /** Rows a write changed (libsql `rowsAffected`, pg `rowCount`). */
  rowCount: number
}

type SqliteRunner = {
  run: (
    query: SQL,
  ) => Promise<{ columns: string[]; rows: ArrayLike<unknown>[]; rowsAffected: number }>
}
type PostgresRunner = {
  execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>
}
type SqlAdapter = {
  drizzle: SqliteRunner & PostgresRunner
  sessions?: Record<string | number, { db: SqliteRunner & PostgresRunner }>
}

/**
 * Runs one statement on a SQL database: inside `req`'s transaction when it has one (so it commits
 * or rolls back with the operation), otherwise on its own.
 */
export async function execute(
  payload: Pick<Payload, 'db'>,
  query: SQL,
  req?: Pick<PayloadRequest, 'transactionID'>,
): Promise<SqlResult> {
  const dialect = dialectOf(payload)
  if (dialect === 'mongodb') throw new Error('Hand-written SQL does not run on MongoDB')
  const adapter = payload.db as unknown as SqlAdapter
  const transactionID = req?.transactionID ? await req.transactionID : undefined
  const db =
    (transactionID !== undefined && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
  if (dialect === 'postgres') {
    const result = await db.execute(query)
    return { rows: result.rows, rowCount: result.rowCount ?? 0 }
  }
  const result = await db.run(query)
  return {
    rows: result.rows.map((row) =>
      Object.fromEntries(result.columns.map((column, i) => [column, row[i]])),
    ),
    rowCount: result.rowsAffected,
  }
}

/** `column.key` of a JSON column, as text (`json_extract` on SQLite, `->>` on PostgreSQL). */
export function jsonText(dialect: Dialect, column: SQL, key: string): SQL {
  if (!/^\w+$/.test(key)) throw new Error(`JSON key "${key}" is not a plain name`)
  return dialect === 'postgres'
    ? sql`(${column} ->> ${sql.raw(`'${key}'`)})`
    : sql`json_extract(${column}, ${sql.raw(`'$.${key}'`)})`
}
