import type { SQLiteSchemaHook } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'
import { getTableColumns } from '@payloadcms/db-sqlite/drizzle'
import { index } from '@payloadcms/db-sqlite/drizzle/sqlite-core'

import { LOCALE_CODES } from '../features/languages/locales'

/**
 * Indexes for the reads the public API and the admin make, so their cost stays flat as documents
 * pile up (docs/database.md). One list for both databases: `sqliteReadIndexes` adds them to the
 * SQLite schema (and so to `migrate:create`), `mongoReadIndexes` to the MongoDB models.
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
    // syndication: feeds, news and monthly sitemaps by a locale's first publication
    ...LOCALE_CODES.map((code) => [
      `publication.${code}.live`,
      `publication.${code}.firstPublishedAt`,
      'createdAt',
    ]),
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

/** Adds named indexes on SQL column names to a drizzle table. */
function addIndexes(
  extendTable: Parameters<SQLiteSchemaHook>[0]['extendTable'],
  table: Table,
  name: string,
  indexes: string[][],
) {
  const byColumnName = new Map(
    Object.values(getTableColumns(table)).map((column) => [column.name, column]),
  )
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
    extraConfig: () =>
      Object.fromEntries(
        defs.map(({ name, cols }) => [name, index(name).on(cols[0]!, ...cols.slice(1))]),
      ),
  })
}

/**
 * db-sqlite `afterSchemaInit`: the sort indexes above, an index on `_parent_id` of every
 * `*_locales` table (Payload reads a document's localized values with a correlated subquery on
 * `_parent_id` alone, which the tables' unique (`_locale`, `_parent_id`) index cannot serve), and
 * (`_locale`, translation status) where the workflow keeps one.
 */
export const sqliteReadIndexes: SQLiteSchemaHook = ({ extendTable, schema }) => {
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
    addIndexes(extendTable, table, name, indexes)
  }
  for (const [slug, indexes] of Object.entries(SORT_INDEXES)) {
    const name = tableName(slug)
    addIndexes(
      extendTable,
      schema.tables[name]!,
      name,
      indexes.map((fields) => fields.map(snake)),
    )
  }
  for (const [slug, indexes] of Object.entries(VERSION_SORT_INDEXES)) {
    const name = `_${tableName(slug)}_v`
    addIndexes(
      extendTable,
      schema.tables[name]!,
      name,
      indexes.map((fields) => fields.map(snake)),
    )
  }
  return schema
}

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
 * Refreshes SQLite's table statistics (sampled, so it stays quick on large tables). Without them
 * the planner guesses that `latest = ?` on a versions table picks a handful of rows and walks a
 * whole sort index for a lookup of a few ids. Run at start and every few hours, as SQLite advises.
 */
export async function refreshPlannerStatistics(payload: Payload): Promise<void> {
  if (payload.db.name !== 'sqlite') return
  const { client } = payload.db as unknown as {
    client: { execute: (sql: string) => Promise<unknown> }
  }
  await client.execute('PRAGMA analysis_limit = 1000')
  await client.execute('ANALYZE')
}

const STATISTICS_INTERVAL_MS = 6 * 60 * 60 * 1000

/**
 * `refreshPlannerStatistics` now and every six hours (the timer does not keep the process alive).
 * A failure (e.g. another process holds the write lock longer than the busy timeout) is logged,
 * never fatal: the next round tries again.
 */
export async function keepPlannerStatistics(payload: Payload): Promise<void> {
  const refresh = () =>
    refreshPlannerStatistics(payload).catch((err) =>
      payload.logger.warn({ err, msg: 'Could not refresh SQLite statistics' }),
    )
  await refresh()
  setInterval(refresh, STATISTICS_INTERVAL_MS).unref()
}
