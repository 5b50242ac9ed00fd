import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { POSTGRES_CREATE, POSTGRES_DROP } from '../../features/search/sql'

// The search tables (src/features/search/sql.ts): outside Payload's schema, so written by hand.
// They start empty; the search plugin builds the index from the documents at start.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of POSTGRES_CREATE) await db.execute(sql.raw(statement))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of POSTGRES_DROP) await db.execute(sql.raw(statement))
}
