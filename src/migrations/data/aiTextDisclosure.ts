import { type MigrateUpArgs, sql } from '@payloadcms/db-sqlite'
import { textHashOf } from 'payload-plugin-ai-disclosure'

// Data step of the move to a per-locale AI disclosure (plugin 1.0, docs/ai-disclosure.md). The old
// group was one set of fields for both languages: `reportedByAI` becomes `ai-generated` in every
// locale that has text, marked `migrated` for a person to confirm (the compliance view lists them);
// `humanReviewed` becomes a review, marked `migrated`, of the current text in the document's
// original language (`language`) only. Articles, their versions and teasers alike.

type Db = MigrateUpArgs['db']
type Row = Record<string, unknown>

const TABLES = [
  { base: 'articles', locales: 'articles_locales', prefix: '', text: ['title', 'summary', 'body'] },
  {
    base: '_articles_v',
    locales: '_articles_v_locales',
    prefix: 'version_',
    text: ['title', 'summary', 'body'],
  },
  { base: 'related_articles', locales: 'related_articles_locales', prefix: '', text: ['title', 'summary'] },
] as const

export type SavedDisclosures = Record<string, Row[]>

/** Before the schema change: the old group of every document and version. */
export async function readOldDisclosures(db: Db): Promise<SavedDisclosures> {
  const saved: SavedDisclosures = {}
  for (const { base, prefix } of TABLES) {
    const p = `${prefix}ai_disclosure_`
    saved[base] = (await db.all(
      sql.raw(`SELECT t.id AS id, t.${p}reported_by_a_i AS ai, t.${p}ai_system AS sys,
        t.${p}human_reviewed AS reviewed, t.${p}reviewed_by_id AS reviewer, t.${p}reviewed_at AS reviewed_at,
        t.${p}editorial_responsibility AS resp, t.${p}editorial_responsibility_type AS resp_type,
        (SELECT code FROM locales WHERE locales.id = t.${prefix}language_id) AS lang,
        (SELECT coalesce(name, email) FROM users WHERE users.id = t.${p}reviewed_by_id) AS reviewer_name
        FROM ${base} t`),
    )) as Row[]
  }
  return saved
}

const parse = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** After it: the new per-locale groups, with the text fingerprint of each locale. */
export async function writeNewDisclosures(db: Db, saved: SavedDisclosures): Promise<void> {
  for (const { base, locales, prefix, text } of TABLES) {
    const byId = new Map((saved[base] ?? []).map((row) => [String(row.id), row]))
    const columns = text.map((name) => `${prefix}${name} AS ${name}`).join(', ')
    const rows = (await db.all(
      sql.raw(`SELECT id AS row_id, _locale AS locale, _parent_id AS parent, ${columns} FROM ${locales}`),
    )) as Row[]
    const p = `${prefix}ai_disclosure_`
    for (const row of rows) {
      const old = byId.get(String(row.parent))
      if (!old) continue
      const doc: Row = {}
      for (const name of text) doc[name] = name === 'body' ? parse(row[name]) : row[name]
      const hash = textHashOf(doc, [...text])
      if (!hash) continue // no text in this locale: no origin
      const ai = old.ai === 1 || old.ai === true
      const review =
        (old.reviewed === 1 || old.reviewed === true) && old.lang === row.locale
          ? {
              id: old.reviewer ? `users:${String(old.reviewer)}` : null,
              name: (old.reviewer_name as null | string) ?? null,
              at: (old.reviewed_at as null | string) ?? null,
            }
          : undefined
      const values: Record<string, unknown> = {
        origin: ai ? 'ai-generated' : 'human',
        ai_system: ai ? (old.sys ?? null) : null,
        migrated: ai ? 1 : 0,
        editorial_responsibility: old.resp ?? null,
        editorial_responsibility_type: old.resp_type ?? 'organization',
        text_hash: hash,
        review_reviewer_id: review?.id ?? null,
        review_reviewer_name: review?.name ?? null,
        review_reviewed_at: review?.at ?? null,
        review_version_id: null,
        review_hash: review ? hash : null,
        review_migrated: review ? 1 : 0,
      }
      const set = sql.join(
        Object.entries(values).map(([name, value]) => sql`${sql.identifier(p + name)} = ${value}`),
        sql`, `,
      )
      await db.run(sql`UPDATE ${sql.identifier(locales)} SET ${set} WHERE id = ${row.row_id}`)
    }
  }
}

/** `down`: the old reviewer columns, unless `up` left them (a database that was migrated, not pushed). */
export async function addReviewerColumns(db: Db): Promise<void> {
  for (const { base, prefix } of TABLES) {
    const column = `${prefix}ai_disclosure_reviewed_by_id`
    const columns = (await db.all(sql.raw(`PRAGMA table_info(${base})`))) as { name: string }[]
    if (!columns.some((c) => c.name === column)) {
      await db.run(
        sql.raw(`ALTER TABLE ${base} ADD ${column} text(36) REFERENCES users(id) ON DELETE SET NULL`),
      )
    }
  }
}
