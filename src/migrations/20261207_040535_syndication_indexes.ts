import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`articles_publication_en_live_publication_en_first_published_at_created_at_idx\` ON \`articles\` (\`publication_en_live\`,\`publication_en_first_published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_publication_de_live_publication_de_first_published_at_created_at_idx\` ON \`articles\` (\`publication_de_live\`,\`publication_de_first_published_at\`,\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_publication_en_live_publication_en_first_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_publication_de_live_publication_de_first_published_at_created_at_idx\`;`)
}
