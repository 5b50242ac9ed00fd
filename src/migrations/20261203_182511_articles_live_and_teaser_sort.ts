import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`articles\` ADD \`live\` integer;`)
  await db.run(sql`CREATE INDEX \`articles_live_published_at_created_at_idx\` ON \`articles\` (\`live\`,\`published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_live_created_at_idx\` ON \`articles\` (\`live\`,\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_live\` integer;`)
  await db.run(sql`CREATE INDEX \`related_articles_updated_at_created_at_idx\` ON \`related_articles\` (\`updated_at\`,\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_live_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_live_created_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`live\`;`)
  await db.run(sql`DROP INDEX \`related_articles_updated_at_created_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_live\`;`)
}
