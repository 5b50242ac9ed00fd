import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { SQLITE_CREATE, SQLITE_DROP } from '../features/search/sql'

// The search tables (src/features/search/sql.ts): outside Payload's schema, so written by hand.
// They start empty; the search plugin builds the index from the documents at start.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of SQLITE_CREATE) await db.run(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of SQLITE_DROP) await db.run(sql.raw(statement))
}
