import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import {
  addReviewerColumns,
  readOldDisclosures,
  writeNewDisclosures,
} from './data/aiTextDisclosure'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  const saved = await readOldDisclosures(db)
  await db.run(sql`CREATE TABLE \`ai_disclosure_log\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`at\` text NOT NULL,
  	\`event\` text NOT NULL,
  	\`collection\` text NOT NULL,
  	\`doc_id\` text NOT NULL,
  	\`locale\` text NOT NULL,
  	\`actor_id\` text,
  	\`actor_name\` text,
  	\`origin\` text,
  	\`previous_origin\` text,
  	\`review_status\` text,
  	\`labelled\` integer,
  	\`labels\` text,
  	\`text_hash\` text,
  	\`review_hash\` text,
  	\`details\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`ai_disclosure_log_at_idx\` ON \`ai_disclosure_log\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`ai_disclosure_log_event_idx\` ON \`ai_disclosure_log\` (\`event\`);`)
  await db.run(sql`CREATE INDEX \`ai_disclosure_log_collection_idx\` ON \`ai_disclosure_log\` (\`collection\`);`)
  await db.run(sql`CREATE INDEX \`ai_disclosure_log_doc_id_idx\` ON \`ai_disclosure_log\` (\`doc_id\`);`)
  await db.run(sql`CREATE INDEX \`ai_disclosure_log_updated_at_idx\` ON \`ai_disclosure_log\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`ai_disclosure_log_created_at_idx\` ON \`ai_disclosure_log\` (\`created_at\`);`)
  // The old one-per-document group goes. Its reviewer column cannot: SQLite drops a column with a
  // foreign key only by rebuilding the table, and inside the migration's transaction
  // PRAGMA foreign_keys=OFF does nothing, so dropping the old table would cascade into its
  // locales, versions and relations. The column stays, emptied, outside the schema.
  await db.run(sql`DROP INDEX IF EXISTS \`articles_ai_disclosure_ai_disclosure_reported_by_a_i_idx\`;`)
  await db.run(sql`DROP INDEX IF EXISTS \`articles_ai_disclosure_ai_disclosure_reviewed_by_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`ai_disclosure_reported_by_a_i\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`ai_disclosure_ai_system\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`ai_disclosure_human_reviewed\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`ai_disclosure_reviewed_at\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`ai_disclosure_editorial_responsibility\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`ai_disclosure_editorial_responsibility_type\`;`)
  await db.run(sql`UPDATE \`articles\` SET \`ai_disclosure_reviewed_by_id\` = NULL;`)
  await db.run(sql`DROP INDEX IF EXISTS \`_articles_v_version_ai_disclosure_version_ai_disclosure__idx\`;`)
  await db.run(sql`DROP INDEX IF EXISTS \`_articles_v_version_ai_disclosure_version_ai_disclosur_1_idx\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_ai_disclosure_reported_by_a_i\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_ai_disclosure_ai_system\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_ai_disclosure_human_reviewed\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_ai_disclosure_reviewed_at\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_ai_disclosure_editorial_responsibility\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_ai_disclosure_editorial_responsibility_type\`;`)
  await db.run(sql`UPDATE \`_articles_v\` SET \`version_ai_disclosure_reviewed_by_id\` = NULL;`)
  await db.run(sql`DROP INDEX IF EXISTS \`related_articles_ai_disclosure_ai_disclosure_reported_by_idx\`;`)
  await db.run(sql`DROP INDEX IF EXISTS \`related_articles_ai_disclosure_ai_disclosure_reviewed_by_idx\`;`)
  await db.run(sql`ALTER TABLE \`related_articles\` DROP COLUMN \`ai_disclosure_reported_by_a_i\`;`)
  await db.run(sql`ALTER TABLE \`related_articles\` DROP COLUMN \`ai_disclosure_ai_system\`;`)
  await db.run(sql`ALTER TABLE \`related_articles\` DROP COLUMN \`ai_disclosure_human_reviewed\`;`)
  await db.run(sql`ALTER TABLE \`related_articles\` DROP COLUMN \`ai_disclosure_reviewed_at\`;`)
  await db.run(sql`ALTER TABLE \`related_articles\` DROP COLUMN \`ai_disclosure_editorial_responsibility\`;`)
  await db.run(sql`ALTER TABLE \`related_articles\` DROP COLUMN \`ai_disclosure_editorial_responsibility_type\`;`)
  await db.run(sql`UPDATE \`related_articles\` SET \`ai_disclosure_reviewed_by_id\` = NULL;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_origin\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_ai_system_version\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_source_locale\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_source_version\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_translation_system\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_human_reason\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_migrated\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_editorial_responsibility\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_editorial_responsibility_type\` text DEFAULT 'organization';`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_text_hash\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_review_reviewer_id\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_review_reviewer_name\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_review_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_review_version_id\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_review_hash\` text;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`ai_disclosure_review_migrated\` integer;`)
  await db.run(sql`CREATE INDEX \`articles_ai_disclosure_ai_disclosure_origin_idx\` ON \`articles_locales\` (\`ai_disclosure_origin\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_origin\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_ai_system_version\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_source_locale\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_source_version\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_translation_system\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_human_reason\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_migrated\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_editorial_responsibility\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_editorial_responsibility_type\` text DEFAULT 'organization';`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_text_hash\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_review_reviewer_id\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_review_reviewer_name\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_review_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_review_version_id\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_review_hash\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version_ai_disclosure_review_migrated\` integer;`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_ai_disclosure_version_ai_disclosure__idx\` ON \`_articles_v_locales\` (\`version_ai_disclosure_origin\`);`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_origin\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_ai_system_version\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_source_locale\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_source_version\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_translation_system\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_human_reason\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_migrated\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_editorial_responsibility\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_editorial_responsibility_type\` text DEFAULT 'organization';`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_text_hash\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_review_reviewer_id\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_review_reviewer_name\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_review_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_review_version_id\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_review_hash\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` ADD \`ai_disclosure_review_migrated\` integer;`)
  await db.run(sql`CREATE INDEX \`related_articles_ai_disclosure_ai_disclosure_origin_idx\` ON \`related_articles_locales\` (\`ai_disclosure_origin\`);`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`ai_disclosure_log_id\` text(36) REFERENCES ai_disclosure_log(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_ai_disclosure_log_id_idx\` ON \`payload_locked_documents_rels\` (\`ai_disclosure_log_id\`);`)
  await writeNewDisclosures(db, saved)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await addReviewerColumns(db)
  await db.run(sql`DROP TABLE \`ai_disclosure_log\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` text(36) NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` text(36),
  	\`related_articles_id\` text(36),
  	\`images_id\` text(36),
  	\`locales_id\` text(36),
  	\`users_id\` text(36),
  	\`consent_records_id\` text(36),
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`related_articles_id\`) REFERENCES \`related_articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`images_id\`) REFERENCES \`images\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`locales_id\`) REFERENCES \`locales\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consent_records_id\`) REFERENCES \`consent_records\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "related_articles_id", "images_id", "locales_id", "users_id", "consent_records_id") SELECT "id", "order", "parent_id", "path", "articles_id", "related_articles_id", "images_id", "locales_id", "users_id", "consent_records_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_related_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`related_articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_images_id_idx\` ON \`payload_locked_documents_rels\` (\`images_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_locales_id_idx\` ON \`payload_locked_documents_rels\` (\`locales_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consent_records_id_idx\` ON \`payload_locked_documents_rels\` (\`consent_records_id\`);`)
  await db.run(sql`DROP INDEX \`articles_ai_disclosure_ai_disclosure_origin_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_origin\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_ai_system\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_ai_system_version\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_source_locale\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_source_version\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_translation_system\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_human_reason\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_migrated\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_editorial_responsibility\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_editorial_responsibility_type\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_text_hash\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_review_reviewer_id\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_review_reviewer_name\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_review_reviewed_at\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_review_version_id\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_review_hash\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`ai_disclosure_review_migrated\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_ai_disclosure_version_ai_disclosure__idx\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_origin\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_ai_system\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_ai_system_version\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_source_locale\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_source_version\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_translation_system\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_human_reason\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_migrated\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_editorial_responsibility\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_editorial_responsibility_type\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_text_hash\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_review_reviewer_id\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_review_reviewer_name\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_review_reviewed_at\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_review_version_id\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_review_hash\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version_ai_disclosure_review_migrated\`;`)
  await db.run(sql`DROP INDEX \`related_articles_ai_disclosure_ai_disclosure_origin_idx\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_origin\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_ai_system\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_ai_system_version\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_source_locale\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_source_version\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_translation_system\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_human_reason\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_migrated\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_editorial_responsibility\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_editorial_responsibility_type\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_text_hash\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_review_reviewer_id\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_review_reviewer_name\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_review_reviewed_at\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_review_version_id\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_review_hash\`;`)
  await db.run(sql`ALTER TABLE \`related_articles_locales\` DROP COLUMN \`ai_disclosure_review_migrated\`;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`ai_disclosure_reported_by_a_i\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`ai_disclosure_ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`ai_disclosure_human_reviewed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`ai_disclosure_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`ai_disclosure_editorial_responsibility\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`ai_disclosure_editorial_responsibility_type\` text DEFAULT 'organization';`)
  await db.run(sql`CREATE INDEX \`articles_ai_disclosure_ai_disclosure_reported_by_a_i_idx\` ON \`articles\` (\`ai_disclosure_reported_by_a_i\`);`)
  await db.run(sql`CREATE INDEX \`articles_ai_disclosure_ai_disclosure_reviewed_by_idx\` ON \`articles\` (\`ai_disclosure_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_ai_disclosure_reported_by_a_i\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_ai_disclosure_ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_ai_disclosure_human_reviewed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_ai_disclosure_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_ai_disclosure_editorial_responsibility\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_ai_disclosure_editorial_responsibility_type\` text DEFAULT 'organization';`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_ai_disclosure_version_ai_disclosure__idx\` ON \`_articles_v\` (\`version_ai_disclosure_reported_by_a_i\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_ai_disclosure_version_ai_disclosur_1_idx\` ON \`_articles_v\` (\`version_ai_disclosure_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`related_articles\` ADD \`ai_disclosure_reported_by_a_i\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`related_articles\` ADD \`ai_disclosure_ai_system\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles\` ADD \`ai_disclosure_human_reviewed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`related_articles\` ADD \`ai_disclosure_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles\` ADD \`ai_disclosure_editorial_responsibility\` text;`)
  await db.run(sql`ALTER TABLE \`related_articles\` ADD \`ai_disclosure_editorial_responsibility_type\` text DEFAULT 'organization';`)
  await db.run(sql`CREATE INDEX \`related_articles_ai_disclosure_ai_disclosure_reported_by_idx\` ON \`related_articles\` (\`ai_disclosure_reported_by_a_i\`);`)
  await db.run(sql`CREATE INDEX \`related_articles_ai_disclosure_ai_disclosure_reviewed_by_idx\` ON \`related_articles\` (\`ai_disclosure_reviewed_by_id\`);`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`ai_system\`;`)
}
