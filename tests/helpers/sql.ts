import type { Payload } from 'payload'

export type Statement = { sql: string; args: unknown[] }

type Fn = (...args: unknown[]) => unknown

/**
 * Calls `record` with every SQL statement the adapter's client sends (libsql's `execute` on SQLite,
 * the pool's `query` on PostgreSQL) until the returned function is called. For tests and
 * benchmarks that count or explain the SQL a read sends.
 */
export function recordStatements(
  payload: Pick<Payload, 'db'>,
  record: (statement: Statement) => void,
): () => void {
  const db = payload.db as unknown as Record<'client' | 'pool', Record<string, Fn> | undefined>
  const [target, method] = db.pool ? [db.pool, 'query'] : [db.client!, 'execute']
  const original = target[method]!
  target[method] = function (this: unknown, ...args: unknown[]) {
    const [first, values] = args as [
      string | { sql?: string; text?: string; args?: unknown[]; values?: unknown[] },
      unknown[]?,
    ]
    if (typeof first === 'string') record({ sql: first, args: values ?? [] })
    else
      record({
        sql: String(first.sql ?? first.text),
        // pg takes the values beside the query (drizzle) or in it; libsql in it
        args: values ?? first.values ?? first.args ?? [],
      })
    return original.apply(target, args)
  }
  return () => {
    target[method] = original
  }
}
