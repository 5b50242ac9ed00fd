import type { SQLiteSchemaHook } from '@payloadcms/db-sqlite'
import { getTableColumns } from '@payloadcms/db-sqlite/drizzle'
import { index } from '@payloadcms/db-sqlite/drizzle/sqlite-core'

/**
 * Indexes for the reads the public API and the admin make, so their cost stays flat as documents
 * pile up (see README "Indexes"). One list for both databases: `sqliteReadIndexes` adds them to the
 * SQLite schema (and so to `migrate:create`), `mongoReadIndexes` to the MongoDB models.
 *
 * Payload sorts by the requested field and then by `createdAt` (its tie-break), so an index on
 * (filter, sort field, createdAt) lets the database walk the rows in order and stop at `limit`
 * instead of sorting every match (and reading every match's localized rows) first.
 */
export const SORT_INDEXES: Record<string, string[][]> = {
  articles: [
    // anonymous readers: `_status = 'published'`, newest first (the front page) or by any date
    ['_status', 'publishedAt', 'createdAt'],
    ['_status', 'createdAt'],
    ['_status', 'updatedAt', 'createdAt'],
    // staff (drafts included): the admin list's default sort
    ['publishedAt', 'createdAt'],
  ],
}

/**
 * The same sorts on the versions of collections with drafts: draft reads (admin list, `draft=true`)
 * filter on `latest` and sort by the version's field.
 */
export const VERSION_SORT_INDEXES: Record<string, string[][]> = {
  articles: [
    ['latest', 'version.publishedAt', 'createdAt'],
    ['latest', 'version.updatedAt', 'createdAt'],
    ['latest', 'version.createdAt', 'createdAt'],
  ],
}

const snake = (path: string) => path.replace(/\./g, '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const tableName = (slug: string) => slug.replace(/-/g, '_')

type Table = Parameters<Parameters<SQLiteSchemaHook>[0]['extendTable']>[0]['table']

/** Adds named indexes on SQL column names to a drizzle table. */
function addIndexes(extendTable: Parameters<SQLiteSchemaHook>[0]['extendTable'], table: Table, name: string, indexes: string[][]) {
  const byColumnName = new Map(Object.values(getTableColumns(table)).map((column) => [column.name, column]))
  const defs = indexes.map((columns) => {
    const cols = columns.map((column) => {
      const found = byColumnName.get(column)
      if (!found) throw new Error(`Index on ${name}: no column "${column}"`)
      return found
    })
    return { name: `${name}_${columns.join('_')}_idx`.replace(/__+/g, '_'), cols }
  })
  extendTable({
    table,
    extraConfig: () => Object.fromEntries(defs.map(({ name, cols }) => [name, index(name).on(cols[0]!, ...cols.slice(1))])),
  })
}

/**
 * db-sqlite `afterSchemaInit`: the sort indexes above, and an index on `_parent_id` of every
 * `*_locales` table. Payload reads a document's localized values with a correlated subquery on
 * `_parent_id` alone, which the tables' unique (`_locale`, `_parent_id`) index cannot serve.
 */
export const sqliteReadIndexes: SQLiteSchemaHook = ({ extendTable, schema }) => {
  for (const [name, table] of Object.entries(schema.tables)) {
    const columns = Object.values(getTableColumns(table as Table))
    if (name.endsWith('_locales') && columns.some((column) => column.name === '_parent_id')) {
      addIndexes(extendTable, table, name, [['_parent_id']])
    }
  }
  for (const [slug, indexes] of Object.entries(SORT_INDEXES)) {
    const name = tableName(slug)
    addIndexes(extendTable, schema.tables[name]!, name, indexes.map((fields) => fields.map(snake)))
  }
  for (const [slug, indexes] of Object.entries(VERSION_SORT_INDEXES)) {
    const name = `_${tableName(slug)}_v`
    addIndexes(extendTable, schema.tables[name]!, name, indexes.map((fields) => fields.map(snake)))
  }
  return schema
}

type MongoModel = { schema: { index: (spec: Record<string, 1 | -1>) => unknown }; createIndexes: () => Promise<unknown> }
type MongoAdapterLike = { collections: Record<string, MongoModel>; versions: Record<string, MongoModel> }

/**
 * The same indexes on MongoDB (localized values live inside the document there, so only the
 * sort indexes apply). For the mongoose adapter's `afterOpenConnection`, when the models exist.
 */
export async function mongoReadIndexes(adapter: MongoAdapterLike): Promise<void> {
  const apply = async (model: MongoModel | undefined, indexes: string[][]) => {
    if (!model) return
    for (const fields of indexes) model.schema.index(Object.fromEntries(fields.map((field) => [field, 1 as const])))
    await model.createIndexes()
  }
  for (const [slug, indexes] of Object.entries(SORT_INDEXES)) await apply(adapter.collections[slug], indexes)
  for (const [slug, indexes] of Object.entries(VERSION_SORT_INDEXES)) await apply(adapter.versions[slug], indexes)
}
