import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import {
  readDocumentStatuses,
  readLocaleStatuses,
  writeDocumentStatuses,
  writeLocaleStatuses,
} from './data/localizeStatus'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Data step (own module): each article's and version's status, carried into every locale.
  const saved = await readDocumentStatuses(db)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`DROP INDEX \`articles__status_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_status_published_at_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_status_created_at_idx\`;`)
  await db.run(sql`DROP INDEX \`articles_status_updated_at_created_at_idx\`;`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_created_at_idx\` ON \`articles\` (\`updated_at\`,\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`_status\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version__status_idx\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version__status\`;`)
  await db.run(sql`ALTER TABLE \`articles_locales\` ADD \`_status\` text DEFAULT 'draft';`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles_locales\` (\`_status\`,\`_locale\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` ADD \`version__status\` text DEFAULT 'draft';`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v_locales\` (\`version__status\`,\`_locale\`);`)
  await writeLocaleStatuses(db, saved, payload.config.localization ? payload.config.localization.localeCodes : ['en', 'de'])
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  const saved = await readLocaleStatuses(db)
  // The per-locale status indexes have the names the old ones get back: dropped first.
  await db.run(sql`DROP INDEX \`articles__status_idx\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_version__status_idx\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP INDEX \`articles_updated_at_created_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`_status\` text DEFAULT 'draft';`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`articles_status_published_at_created_at_idx\` ON \`articles\` (\`_status\`,\`published_at\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_status_created_at_idx\` ON \`articles\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_status_updated_at_created_at_idx\` ON \`articles\` (\`_status\`,\`updated_at\`,\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`articles_locales\` DROP COLUMN \`_status\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v_locales\` DROP COLUMN \`version__status\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version__status\` text DEFAULT 'draft';`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await writeDocumentStatuses(db, saved)
}
