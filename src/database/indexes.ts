import type { SQLiteSchemaHook } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'
import { getTableColumns } from '@payloadcms/db-sqlite/drizzle'
import { index as sqliteIndex } from '@payloadcms/db-sqlite/drizzle/sqlite-core'

import { LOCALE_CODES } from '../features/languages/locales'
import { dialectOf, execute, sql } from './dialect'

/**
 * Indexes for the reads the public API and the admin make, so their cost stays flat as documents
 * pile up (docs/database.md). One list for every database: `sqlReadIndexes` adds them to the
 * SQLite and PostgreSQL schemas (and so to `migrate:create`), `mongoReadIndexes` to the MongoDB
 * models.
 *
 * Payload sorts by the requested field and then by `createdAt` (its tie-break), so an index on
 * (filter, sort field, createdAt) lets the database walk the rows in order and stop at `limit`
 * instead of sorting every match (and reading every match's localized rows) first.
 */
export const SORT_INDEXES: Record<string, string[][]> = {
  articles: [
    // anonymous reads (published in some locale, `live`) newest first or by creation, and their
    // counts (index only); staff lists by any date without that filter
    ['live', 'publishedAt', 'createdAt'],
    ['live', 'createdAt'],
    ['publishedAt', 'createdAt'],
    ['createdAt'],
    ['updatedAt', 'createdAt'],
    // per-locale publication (readers' conditions and sorts on a locale's text are AND-ed with it)
    ...LOCALE_CODES.map((code) => [`publication.${code}.live`, 'publishedAt', 'createdAt']),
  ],
  // the translation dashboard's teasers still to translate, most recently changed first
  'related-articles': [['updatedAt', 'createdAt']],
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

const snake = (path: string) =>
  path.replace(/\./g, '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const tableName = (slug: string) => slug.replace(/-/g, '_')

type Table = Parameters<Parameters<SQLiteSchemaHook>[0]['extendTable']>[0]['table']
type SchemaHookArgs = Parameters<SQLiteSchemaHook>[0]
/** drizzle's `index` of one dialect (sqlite-core or pg-core): the only part that differs. */
type IndexBuilder = typeof sqliteIndex

/** Adds named indexes on SQL column names to a drizzle table. */
function addIndexes(
  index: IndexBuilder,
  extendTable: SchemaHookArgs['extendTable'],
  table: Table,
  name: string,
  indexes: string[][],
) {
  // by SQL name → the table's property name, under which the extra config sees each column
  const keyOf = new Map(
    Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, key]),
  )
  const defs = indexes.map((columns) => {
    const keys = columns.map((column) => {
      const found = keyOf.get(column)
      if (!found) throw new Error(`Index on ${name}: no column "${column}"`)
      return found
    })
    return { name: `${name}_${columns.join('_')}_idx`.replace(/__+/g, '_'), keys }
  })
  extendTable({
    table,
    // pg-core indexes need the extra config's own column objects (`t`), not the table's
    extraConfig: (t) => {
      const column = (key: string) => t[key] as Parameters<ReturnType<IndexBuilder>['on']>[0]
      return Object.fromEntries(
        defs.map(({ name, keys }) => [
          name,
          index(name).on(column(keys[0]!), ...keys.slice(1).map(column)),
        ]),
      )
    },
  })
}

/**
 * `afterSchemaInit` of db-sqlite and db-postgres, given that dialect's drizzle `index`: the sort
 * indexes above, an index on `_parent_id` of every `*_locales` table (Payload reads a document's
 * localized values with a correlated subquery on `_parent_id` alone, which the tables' unique
 * (`_locale`, `_parent_id`) index cannot serve), and (`_locale`, translation status) where the
 * workflow keeps one.
 */
export const sqlReadIndexes =
  (index: IndexBuilder) =>
  ({ extendTable, schema }: SchemaHookArgs): SchemaHookArgs['schema'] => {
    for (const [name, table] of Object.entries(schema.tables)) {
      const columns = new Set(
        Object.values(getTableColumns(table as Table)).map((column) => column.name),
      )
      if (!name.endsWith('_locales') || !columns.has('_parent_id')) continue
      const indexes = [['_parent_id']]
      // translation status per locale: counted for the translators' reports without a full pass
      for (const status of ['translation_status', 'version_translation_status']) {
        if (columns.has(status)) indexes.push(['_locale', status])
      }
      addIndexes(index, extendTable, table, name, indexes)
    }
    // the collections' tables and their versions' tables
    const sorts = [
      ...Object.entries(SORT_INDEXES).map(([slug, indexes]) => [tableName(slug), indexes] as const),
      ...Object.entries(VERSION_SORT_INDEXES).map(
        ([slug, indexes]) => [`_${tableName(slug)}_v`, indexes] as const,
      ),
    ]
    for (const [name, indexes] of sorts) {
      const fields = indexes.map((columns) => columns.map(snake))
      addIndexes(index, extendTable, schema.tables[name]!, name, fields)
    }
    return schema
  }

/** The SQLite form (the PostgreSQL one is built in adapter.ts, which loads pg-core lazily). */
export const sqliteReadIndexes: SQLiteSchemaHook = sqlReadIndexes(sqliteIndex)

type MongoModel = {
  schema: { index: (spec: Record<string, 1 | -1>) => unknown }
  createIndexes: () => Promise<unknown>
}
type MongoAdapterLike = {
  collections: Record<string, MongoModel>
  versions: Record<string, MongoModel>
  payload: Payload
}

/**
 * The same indexes on MongoDB, for the mongoose adapter's `afterOpenConnection` (the models exist
 * by then). Localized values live inside the document there, so instead of the `*_locales`
 * indexes there is one on each locale's `translationStatus`.
 */
export async function mongoReadIndexes(adapter: MongoAdapterLike): Promise<void> {
  const config = adapter.payload.config
  const byModel = new Map<MongoModel, string[][]>()
  const add = (model: MongoModel | undefined, indexes: string[][]) => {
    if (model) byModel.set(model, [...(byModel.get(model) ?? []), ...indexes])
  }
  for (const [slug, indexes] of Object.entries(SORT_INDEXES))
    add(adapter.collections[slug], indexes)
  for (const [slug, indexes] of Object.entries(VERSION_SORT_INDEXES))
    add(adapter.versions[slug], indexes)
  for (const collection of config.collections) {
    if (
      !collection.flattenedFields.some(
        (field) => field.name === 'translationStatus' && 'localized' in field && field.localized,
      )
    )
      continue
    add(
      adapter.collections[collection.slug],
      LOCALE_CODES.map((code) => [`translationStatus.${code}`]),
    )
    add(
      adapter.versions[collection.slug],
      LOCALE_CODES.map((code) => ['latest', `version.translationStatus.${code}`]),
    )
  }
  for (const [model, indexes] of byModel) {
    for (const fields of indexes)
      model.schema.index(Object.fromEntries(fields.map((field) => [field, 1 as const])))
    await model.createIndexes()
  }
}

/**
 * Refreshes the planner's table statistics. SQLite keeps none unless asked (sampled here, so it
 * stays quick on large tables): without them its planner guesses that `latest = ?` on a versions
 * table picks a handful of rows and walks a whole sort index for a lookup of a few ids. Run at
 * start and every few hours, as SQLite advises. PostgreSQL's autovacuum keeps its statistics; an
 * explicit `ANALYZE` is for right after a bulk load (bench:scale).
 */
export async function refreshPlannerStatistics(payload: Payload): Promise<void> {
  switch (dialectOf(payload)) {
    case 'sqlite':
      await execute(payload, sql`PRAGMA analysis_limit = 1000`)
      await execute(payload, sql`ANALYZE`)
      return
    case 'postgres':
      await execute(payload, sql`ANALYZE`)
      return
    case 'mongodb':
      return
  }
}

const STATISTICS_INTERVAL_MS = 6 * 60 * 60 * 1000

/**
 * `refreshPlannerStatistics` now and every six hours (the timer does not keep the process alive).
 * A failure (e.g. another process holds the write lock longer than the busy timeout) is logged,
 * never fatal: the next round tries again.
 */
export async function keepPlannerStatistics(payload: Payload): Promise<void> {
  if (dialectOf(payload) !== 'sqlite') return
  const refresh = () =>
    refreshPlannerStatistics(payload).catch((err) =>
      payload.logger.warn({ err, msg: 'Could not refresh SQLite statistics' }),
    )
  await refresh()
  setInterval(refresh, STATISTICS_INTERVAL_MS).unref()
}
