import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_articles_ai_disclosure_origin" AS ENUM('human', 'ai-generated', 'ai-assisted', 'machine-translated', 'human-translated');
  CREATE TYPE "public"."enum__articles_v_version_ai_disclosure_origin" AS ENUM('human', 'ai-generated', 'ai-assisted', 'machine-translated', 'human-translated');
  CREATE TYPE "public"."enum_related_articles_ai_disclosure_origin" AS ENUM('human', 'ai-generated', 'ai-assisted', 'machine-translated', 'human-translated');
  CREATE TABLE "ai_disclosure_log" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"event" varchar NOT NULL,
  	"collection" varchar NOT NULL,
  	"doc_id" varchar NOT NULL,
  	"locale" varchar NOT NULL,
  	"actor_id" varchar,
  	"actor_name" varchar,
  	"origin" varchar,
  	"previous_origin" varchar,
  	"review_status" varchar,
  	"labelled" boolean,
  	"labels" jsonb,
  	"text_hash" varchar,
  	"review_hash" varchar,
  	"details" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "articles" DROP CONSTRAINT "articles_ai_disclosure_reviewed_by_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_ai_disclosure_reviewed_by_id_users_id_fk";
  
  ALTER TABLE "related_articles" DROP CONSTRAINT "related_articles_ai_disclosure_reviewed_by_id_users_id_fk";
  
  DROP INDEX "articles_ai_disclosure_ai_disclosure_reported_by_a_i_idx";
  DROP INDEX "articles_ai_disclosure_ai_disclosure_reviewed_by_idx";
  DROP INDEX "_articles_v_version_ai_disclosure_version_ai_disclosure__idx";
  DROP INDEX "_articles_v_version_ai_disclosure_version_ai_disclosur_1_idx";
  DROP INDEX "related_articles_ai_disclosure_ai_disclosure_reported_by_idx";
  DROP INDEX "related_articles_ai_disclosure_ai_disclosure_reviewed_by_idx";
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_origin" "enum_articles_ai_disclosure_origin";
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_ai_system" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_ai_system_version" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_source_locale" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_source_version" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_translation_system" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_human_reason" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_migrated" boolean DEFAULT false;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_editorial_responsibility" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_editorial_responsibility_type" "enum_articles_ai_disclosure_resp_type" DEFAULT 'organization';
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_text_hash" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_review_reviewer_id" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_review_reviewer_name" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_review_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_review_version_id" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_review_hash" varchar;
  ALTER TABLE "articles_locales" ADD COLUMN "ai_disclosure_review_migrated" boolean;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_origin" "enum__articles_v_version_ai_disclosure_origin";
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_ai_system" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_ai_system_version" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_source_locale" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_source_version" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_translation_system" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_human_reason" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_migrated" boolean DEFAULT false;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_editorial_responsibility" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_editorial_responsibility_type" "enum__articles_v_version_ai_disclosure_resp_type" DEFAULT 'organization';
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_text_hash" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_review_reviewer_id" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_review_reviewer_name" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_review_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_review_version_id" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_review_hash" varchar;
  ALTER TABLE "_articles_v_locales" ADD COLUMN "version_ai_disclosure_review_migrated" boolean;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_origin" "enum_related_articles_ai_disclosure_origin";
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_ai_system" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_ai_system_version" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_source_locale" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_source_version" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_translation_system" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_human_reason" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_migrated" boolean DEFAULT false;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_editorial_responsibility" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_editorial_responsibility_type" "enum_related_articles_ai_disclosure_resp_type" DEFAULT 'organization';
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_text_hash" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_review_reviewer_id" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_review_reviewer_name" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_review_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_review_version_id" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_review_hash" varchar;
  ALTER TABLE "related_articles_locales" ADD COLUMN "ai_disclosure_review_migrated" boolean;
  ALTER TABLE "users" ADD COLUMN "ai_system" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ai_disclosure_log_id" uuid;
  CREATE INDEX "ai_disclosure_log_at_idx" ON "ai_disclosure_log" USING btree ("at");
  CREATE INDEX "ai_disclosure_log_event_idx" ON "ai_disclosure_log" USING btree ("event");
  CREATE INDEX "ai_disclosure_log_collection_idx" ON "ai_disclosure_log" USING btree ("collection");
  CREATE INDEX "ai_disclosure_log_doc_id_idx" ON "ai_disclosure_log" USING btree ("doc_id");
  CREATE INDEX "ai_disclosure_log_updated_at_idx" ON "ai_disclosure_log" USING btree ("updated_at");
  CREATE INDEX "ai_disclosure_log_created_at_idx" ON "ai_disclosure_log" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ai_disclosure_log_fk" FOREIGN KEY ("ai_disclosure_log_id") REFERENCES "public"."ai_disclosure_log"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_publication_en_live_publication_en_first_published_at_created_at_idx" ON "articles" USING btree ("publication_en_live","publication_en_first_published_at","created_at");
  CREATE INDEX "articles_publication_de_live_publication_de_first_published_at_created_at_idx" ON "articles" USING btree ("publication_de_live","publication_de_first_published_at","created_at");
  CREATE INDEX "articles_ai_disclosure_ai_disclosure_origin_idx" ON "articles_locales" USING btree ("ai_disclosure_origin");
  CREATE INDEX "_articles_v_version_ai_disclosure_version_ai_disclosure__idx" ON "_articles_v_locales" USING btree ("version_ai_disclosure_origin");
  CREATE INDEX "related_articles_ai_disclosure_ai_disclosure_origin_idx" ON "related_articles_locales" USING btree ("ai_disclosure_origin");
  CREATE INDEX "payload_locked_documents_rels_ai_disclosure_log_id_idx" ON "payload_locked_documents_rels" USING btree ("ai_disclosure_log_id");
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_reported_by_a_i";
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_ai_system";
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_human_reviewed";
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_reviewed_by_id";
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_reviewed_at";
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_editorial_responsibility";
  ALTER TABLE "articles" DROP COLUMN "ai_disclosure_editorial_responsibility_type";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_reported_by_a_i";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_ai_system";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_human_reviewed";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_reviewed_by_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_reviewed_at";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_editorial_responsibility";
  ALTER TABLE "_articles_v" DROP COLUMN "version_ai_disclosure_editorial_responsibility_type";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_reported_by_a_i";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_ai_system";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_human_reviewed";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_reviewed_by_id";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_reviewed_at";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_editorial_responsibility";
  ALTER TABLE "related_articles" DROP COLUMN "ai_disclosure_editorial_responsibility_type";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "ai_disclosure_log" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "ai_disclosure_log" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ai_disclosure_log_fk";
  
  DROP INDEX "articles_publication_en_live_publication_en_first_published_at_created_at_idx";
  DROP INDEX "articles_publication_de_live_publication_de_first_published_at_created_at_idx";
  DROP INDEX "articles_ai_disclosure_ai_disclosure_origin_idx";
  DROP INDEX "_articles_v_version_ai_disclosure_version_ai_disclosure__idx";
  DROP INDEX "related_articles_ai_disclosure_ai_disclosure_origin_idx";
  DROP INDEX "payload_locked_documents_rels_ai_disclosure_log_id_idx";
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_reported_by_a_i" boolean DEFAULT false;
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_ai_system" varchar;
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_human_reviewed" boolean DEFAULT false;
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_reviewed_by_id" uuid;
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_editorial_responsibility" varchar;
  ALTER TABLE "articles" ADD COLUMN "ai_disclosure_editorial_responsibility_type" "enum_articles_ai_disclosure_resp_type" DEFAULT 'organization';
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_reported_by_a_i" boolean DEFAULT false;
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_ai_system" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_human_reviewed" boolean DEFAULT false;
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_reviewed_by_id" uuid;
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_editorial_responsibility" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_ai_disclosure_editorial_responsibility_type" "enum__articles_v_version_ai_disclosure_resp_type" DEFAULT 'organization';
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_reported_by_a_i" boolean DEFAULT false;
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_ai_system" varchar;
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_human_reviewed" boolean DEFAULT false;
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_reviewed_by_id" uuid;
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_editorial_responsibility" varchar;
  ALTER TABLE "related_articles" ADD COLUMN "ai_disclosure_editorial_responsibility_type" "enum_related_articles_ai_disclosure_resp_type" DEFAULT 'organization';
  ALTER TABLE "articles" ADD CONSTRAINT "articles_ai_disclosure_reviewed_by_id_users_id_fk" FOREIGN KEY ("ai_disclosure_reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_ai_disclosure_reviewed_by_id_users_id_fk" FOREIGN KEY ("version_ai_disclosure_reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "related_articles" ADD CONSTRAINT "related_articles_ai_disclosure_reviewed_by_id_users_id_fk" FOREIGN KEY ("ai_disclosure_reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "articles_ai_disclosure_ai_disclosure_reported_by_a_i_idx" ON "articles" USING btree ("ai_disclosure_reported_by_a_i");
  CREATE INDEX "articles_ai_disclosure_ai_disclosure_reviewed_by_idx" ON "articles" USING btree ("ai_disclosure_reviewed_by_id");
  CREATE INDEX "_articles_v_version_ai_disclosure_version_ai_disclosure__idx" ON "_articles_v" USING btree ("version_ai_disclosure_reported_by_a_i");
  CREATE INDEX "_articles_v_version_ai_disclosure_version_ai_disclosur_1_idx" ON "_articles_v" USING btree ("version_ai_disclosure_reviewed_by_id");
  CREATE INDEX "related_articles_ai_disclosure_ai_disclosure_reported_by_idx" ON "related_articles" USING btree ("ai_disclosure_reported_by_a_i");
  CREATE INDEX "related_articles_ai_disclosure_ai_disclosure_reviewed_by_idx" ON "related_articles" USING btree ("ai_disclosure_reviewed_by_id");
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_origin";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_ai_system";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_ai_system_version";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_source_locale";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_source_version";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_translation_system";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_human_reason";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_migrated";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_editorial_responsibility";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_editorial_responsibility_type";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_text_hash";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_review_reviewer_id";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_review_reviewer_name";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_review_reviewed_at";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_review_version_id";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_review_hash";
  ALTER TABLE "articles_locales" DROP COLUMN "ai_disclosure_review_migrated";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_origin";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_ai_system";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_ai_system_version";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_source_locale";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_source_version";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_translation_system";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_human_reason";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_migrated";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_editorial_responsibility";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_editorial_responsibility_type";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_text_hash";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_review_reviewer_id";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_review_reviewer_name";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_review_reviewed_at";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_review_version_id";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_review_hash";
  ALTER TABLE "_articles_v_locales" DROP COLUMN "version_ai_disclosure_review_migrated";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_origin";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_ai_system";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_ai_system_version";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_source_locale";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_source_version";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_translation_system";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_human_reason";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_migrated";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_editorial_responsibility";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_editorial_responsibility_type";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_text_hash";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_review_reviewer_id";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_review_reviewer_name";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_review_reviewed_at";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_review_version_id";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_review_hash";
  ALTER TABLE "related_articles_locales" DROP COLUMN "ai_disclosure_review_migrated";
  ALTER TABLE "users" DROP COLUMN "ai_system";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ai_disclosure_log_id";
  DROP TYPE "public"."enum_articles_ai_disclosure_origin";
  DROP TYPE "public"."enum__articles_v_version_ai_disclosure_origin";
  DROP TYPE "public"."enum_related_articles_ai_disclosure_origin";`)
}
