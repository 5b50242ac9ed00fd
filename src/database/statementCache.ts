import { createRequire } from 'node:module'

/**
 * Prepared statements kept per SQLite connection, so a read does not compile its SQL again.
 *
 * @libsql/client's `execute()` prepares every statement anew (`Database.prepare(sql)`) and asks
 * the new statement for its result columns twice. Payload's reads send the same few SQL strings
 * again and again (one article by id: 3 statements), and preparing them was 8% of the CPU of a
 * read by id and 3% of the list of 10 (the SQL of an article with its locales and relations is
 * ~2 KB); asking for the columns another 3–4% (docs/performance.md).
 *
 * Reusing a libsql statement is safe: every run resets and rebinds it first, and SQLite
 * re-prepares it by itself after a schema change. Its result columns are kept too, so everything
 * kept is forgotten when this process prepares DDL (a migration, the dev schema push) or ANALYZE;
 * each connection keeps at most `PER_CONNECTION` statements (the least recently used leave first).
 */

type Statement = { columns: () => unknown }
type Database = {
  prepare: (sql: string) => Statement
  exec: (sql: string) => unknown
  close: () => void
}

// An article's compiled read is ~30 KiB of SQLite's memory: at most ~2 MB per connection.
const PER_CONNECTION = 64
// CREATE/ALTER/DROP change what `SELECT *` returns, so columns kept before then are forgotten;
// after ANALYZE (refreshPlannerStatistics) the statements are compiled again with the new plans.
const DDL = /\b(create|alter|drop)\s|\banalyze\b/i

// Payload joins a table for a `where` on a localized field or a relation under a fresh random
// alias (@payloadcms/drizzle's getTableAlias: a UUID, snake-cased), so such a query's SQL never
// repeated: compiled on every call, and pushing the statements that do repeat out of the cache.
// Renamed in order of appearance, the same query has the same SQL.
const RANDOM_ALIAS = /"[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}"/g

/** The SQL with Payload's random table aliases renamed `"__a0"`, `"__a1"`, … in order. */
export function stableAliases(sql: string): string {
  let names: Map<string, string> | undefined
  return sql.replace(RANDOM_ALIAS, (alias) => {
    names ??= new Map()
    let name = names.get(alias)
    if (!name) names.set(alias, (name = `"__a${names.size}"`))
    return name
  })
}

const INSTALLED = Symbol.for('ai-newsroom.statementCache')
let enabled = true
let generation = 0
let compiled = 0

/** Switches reuse off and on (benchmarks compare both in one process; tests compare answers). */
export function cacheStatements(on: boolean): void {
  enabled = on
}

/** How many statements libsql has compiled in this process (tests see the cache at work). */
export function compiledStatements(): number {
  return compiled
}

/** Installs the cache into the libsql that @libsql/client uses (once per process). */
export function installStatementCache(): void {
  let Database: { prototype: Database & { [INSTALLED]?: true } }
  try {
    // the libsql that @libsql/client uses, not whichever copy a plain import would find
    const require = createRequire(createRequire(import.meta.url).resolve('@libsql/client'))
    Database = require('libsql')
  } catch {
    return // a bundle that cannot resolve it (it reads as before)
  }
  // once per process, also when a bundle carries a second copy of this module
  if (Database.prototype[INSTALLED]) return
  Database.prototype[INSTALLED] = true
  const prepare = Database.prototype.prepare
  const { close, exec } = Database.prototype
  const caches = new WeakMap<Database, Map<string, { statement: Statement; generation: number }>>()
  const keep = (db: Database, sql: string, statement: Statement) => {
    const columns = statement.columns
    let known: unknown
    statement.columns = function (this: Statement) {
      return (known ??= columns.call(this))
    }
    let cache = caches.get(db)
    if (!cache) caches.set(db, (cache = new Map()))
    cache.delete(sql)
    cache.set(sql, { statement, generation })
    // the least recently used statement leaves first
    if (cache.size > PER_CONNECTION) cache.delete(cache.keys().next().value!)
  }

  Database.prototype.prepare = function (this: Database, sql: string) {
    if (enabled) {
      const cache = caches.get(this)
      // Most SQL has no random alias and is its own key: the renaming scan runs only on a miss.
      let kept = cache?.get(sql)
      if (!kept) {
        sql = stableAliases(sql)
        kept = cache?.get(sql)
      }
      if (kept && kept.generation === generation) {
        // the most recently used leave last
        cache!.delete(sql)
        cache!.set(sql, kept)
        return kept.statement
      }
    }
    compiled++
    const statement = prepare.call(this, sql)
    // DDL is not kept: it runs rarely, and what was kept before it is compiled again
    if (DDL.test(sql)) generation++
    else if (enabled) keep(this, sql, statement)
    return statement
  }
  // executeMultiple() (several statements in one string) runs without prepare()
  Database.prototype.exec = function (this: Database, sql: string) {
    if (DDL.test(sql)) generation++
    return exec.call(this, sql)
  }
  Database.prototype.close = function (this: Database) {
    caches.delete(this)
    return close.call(this)
  }
}
