import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` ADD \`publication_en_live\` integer;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`publication_en_first_published_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`publication_de_live\` integer;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`publication_de_first_published_at\` text;`)
  await db.run(sql`CREATE INDEX \`articles_publication_en_live_published_at_created_at_idx\` ON \`articles\` (\`publication_en_live\`,\`published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_publication_de_live_published_at_created_at_idx\` ON \`articles\` (\`publication_de_live\`,\`published_at\`,\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_publication_en_live\` integer;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_publication_en_first_published_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_publication_de_live\` integer;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_publication_de_first_published_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_publication_en_live_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_publication_de_live_published_at_created_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`publication_en_live\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`publication_en_first_published_at\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`publication_de_live\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`publication_de_first_published_at\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_publication_en_live\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_publication_en_first_published_at\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_publication_de_live\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_publication_de_first_published_at\`;`)
}
