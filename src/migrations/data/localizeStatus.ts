import { type MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

// Data step of the move of articles' `_status` into their locales (`localizeStatus`). SQLite has
// no information_schema, which `payload/migrations`' `localizeStatus.up` needs, so the schema
// statements are drizzle's and the data is carried over here: every locale of an article (and of
// each version) gets the status the article (version) had, so each language is live exactly when
// the article was, and a pending draft stays pending in every language.

type Db = MigrateUpArgs['db']
type Row = { id: string; status: string | null }

export type SavedStatuses = { articles: Row[]; versions: Row[] }

/** Before the schema change: the one status of every article and version. */
export async function readDocumentStatuses(db: Db): Promise<SavedStatuses> {
  const articles = (await db.all(sql`SELECT id, _status AS status FROM articles`)) as Row[]
  const versions = (await db.all(
    sql`SELECT id, version__status AS status FROM _articles_v`,
  )) as Row[]
  return { articles, versions }
}

/** After it: that status in every locale, adding the (empty) locale rows that do not exist yet. */
export async function writeLocaleStatuses(
  db: Db,
  saved: SavedStatuses,
  locales: string[],
): Promise<void> {
  for (const [table, column, rows] of [
    ['articles_locales', '_status', saved.articles],
    ['_articles_v_locales', 'version__status', saved.versions],
  ] as const) {
    for (const { id, status } of rows) {
      for (const locale of locales) {
        await db.run(
          sql`INSERT INTO ${sql.identifier(table)} (_locale, _parent_id, ${sql.identifier(column)})
              VALUES (${locale}, ${id}, ${status ?? 'draft'})
              ON CONFLICT (_locale, _parent_id) DO UPDATE SET ${sql.identifier(column)} = excluded.${sql.identifier(column)}`,
        )
      }
    }
  }
}

/** Down: an article (version) is published when any of its locales is. */
export async function readLocaleStatuses(db: Db): Promise<SavedStatuses> {
  const any = (table: string, column: string, parent: string) =>
    db.all(
      sql`SELECT p.id AS id, CASE WHEN EXISTS (SELECT 1 FROM ${sql.identifier(table)} l
            WHERE l._parent_id = p.id AND l.${sql.identifier(column)} = 'published')
          THEN 'published' ELSE 'draft' END AS status FROM ${sql.identifier(parent)} p`,
    ) as Promise<Row[]>
  return {
    articles: await any('articles_locales', '_status', 'articles'),
    versions: await any('_articles_v_locales', 'version__status', '_articles_v'),
  }
}

export async function writeDocumentStatuses(db: Db, saved: SavedStatuses): Promise<void> {
  for (const { id, status } of saved.articles)
    await db.run(sql`UPDATE articles SET _status = ${status} WHERE id = ${id}`)
  for (const { id, status } of saved.versions)
    await db.run(sql`UPDATE _articles_v SET version__status = ${status} WHERE id = ${id}`)
}
