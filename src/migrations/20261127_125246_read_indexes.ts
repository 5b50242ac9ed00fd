import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`articles_status_published_at_created_at_idx\` ON \`articles\` (\`_status\`,\`published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_status_created_at_idx\` ON \`articles\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_status_updated_at_created_at_idx\` ON \`articles\` (\`_status\`,\`updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_created_at_idx\` ON \`articles\` (\`published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_locales_parent_id_idx\` ON \`articles_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_version_published_at_created_at_idx\` ON \`_articles_v\` (\`latest\`,\`version_published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_version_updated_at_created_at_idx\` ON \`_articles_v\` (\`latest\`,\`version_updated_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_version_created_at_created_at_idx\` ON \`_articles_v\` (\`latest\`,\`version_created_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_locales_parent_id_idx\` ON \`_articles_v_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`related_articles_locales_parent_id_idx\` ON \`related_articles_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`images_locales_parent_id_idx\` ON \`images_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`consent_categories_services_locales_parent_id_idx\` ON \`consent_categories_services_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`consent_categories_locales_parent_id_idx\` ON \`consent_categories_locales\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`consent_locales_parent_id_idx\` ON \`consent_locales\` (\`_parent_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`articles_status_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_status_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_status_updated_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_locales_parent_id_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_latest_version_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_latest_version_updated_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_latest_version_created_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_locales_parent_id_idx\`;`)
  await db.run(sql`DROP INDEX \`related_articles_locales_parent_id_idx\`;`)
  await db.run(sql`DROP INDEX \`images_locales_parent_id_idx\`;`)
  await db.run(sql`DROP INDEX \`consent_categories_services_locales_parent_id_idx\`;`)
  await db.run(sql`DROP INDEX \`consent_categories_locales_parent_id_idx\`;`)
  await db.run(sql`DROP INDEX \`consent_locales_parent_id_idx\`;`)
}
