import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."_locales" AS ENUM('en', 'de');
  CREATE TYPE "public"."enum_articles_ai_disclosure_origin" AS ENUM('human', 'ai-generated', 'ai-assisted', 'machine-translated', 'human-translated');
  CREATE TYPE "public"."enum_articles_ai_disclosure_resp_type" AS ENUM('organization', 'person');
  CREATE TYPE "public"."enum_articles_translation_status" AS ENUM('missing', 'in-progress', 'needs-review', 'done');
  CREATE TYPE "public"."enum_articles_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__articles_v_published_locale" AS ENUM('en', 'de');
  CREATE TYPE "public"."enum__articles_v_version_ai_disclosure_origin" AS ENUM('human', 'ai-generated', 'ai-assisted', 'machine-translated', 'human-translated');
  CREATE TYPE "public"."enum__articles_v_version_ai_disclosure_resp_type" AS ENUM('organization', 'person');
  CREATE TYPE "public"."enum__articles_v_version_translation_status" AS ENUM('missing', 'in-progress', 'needs-review', 'done');
  CREATE TYPE "public"."enum__articles_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_related_articles_ai_disclosure_origin" AS ENUM('human', 'ai-generated', 'ai-assisted', 'machine-translated', 'human-translated');
  CREATE TYPE "public"."enum_related_articles_ai_disclosure_resp_type" AS ENUM('organization', 'person');
  CREATE TYPE "public"."enum_related_articles_translation_status" AS ENUM('missing', 'in-progress', 'needs-review', 'done');
  CREATE TYPE "public"."enum_users_roles" AS ENUM('admin', 'editor', 'translator', 'developer');
  CREATE TYPE "public"."enum_users_translator_locales" AS ENUM('en', 'de');
  CREATE TYPE "public"."enum_consent_records_accept_type" AS ENUM('all', 'custom', 'necessary');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'schedulePublish');
  CREATE TABLE "articles" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"hero_image_id" uuid,
  	"slug" varchar,
  	"language_id" uuid,
  	"published_at" timestamp(3) with time zone,
  	"live" boolean,
  	"publication_en_live" boolean,
  	"publication_en_first_published_at" timestamp(3) with time zone,
  	"publication_de_live" boolean,
  	"publication_de_first_published_at" timestamp(3) with time zone,
  	"source_file" varchar,
  	"source_content_hash" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "articles_locales" (
  	"title" varchar,
  	"summary" varchar,
  	"body" jsonb,
  	"ai_disclosure_origin" "enum_articles_ai_disclosure_origin",
  	"ai_disclosure_ai_system" varchar,
  	"ai_disclosure_ai_system_version" varchar,
  	"ai_disclosure_source_locale" varchar,
  	"ai_disclosure_source_version" varchar,
  	"ai_disclosure_translation_system" varchar,
  	"ai_disclosure_human_reason" varchar,
  	"ai_disclosure_migrated" boolean DEFAULT false,
  	"ai_disclosure_editorial_responsibility" varchar,
  	"ai_disclosure_editorial_responsibility_type" "enum_articles_ai_disclosure_resp_type" DEFAULT 'organization',
  	"ai_disclosure_text_hash" varchar,
  	"ai_disclosure_review_reviewer_id" varchar,
  	"ai_disclosure_review_reviewer_name" varchar,
  	"ai_disclosure_review_reviewed_at" timestamp(3) with time zone,
  	"ai_disclosure_review_version_id" varchar,
  	"ai_disclosure_review_hash" varchar,
  	"ai_disclosure_review_migrated" boolean,
  	"translation_status" "enum_articles_translation_status",
  	"translation_source_hash" varchar,
  	"_status" "enum_articles_status" DEFAULT 'draft',
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" uuid NOT NULL
  );
  
  CREATE TABLE "articles_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"related_articles_id" uuid
  );
  
  CREATE TABLE "_articles_v" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"parent_id" uuid,
  	"version_hero_image_id" uuid,
  	"version_slug" varchar,
  	"version_language_id" uuid,
  	"version_published_at" timestamp(3) with time zone,
  	"version_live" boolean,
  	"version_publication_en_live" boolean,
  	"version_publication_en_first_published_at" timestamp(3) with time zone,
  	"version_publication_de_live" boolean,
  	"version_publication_de_first_published_at" timestamp(3) with time zone,
  	"version_source_file" varchar,
  	"version_source_content_hash" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__articles_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_articles_v_locales" (
  	"version_title" varchar,
  	"version_summary" varchar,
  	"version_body" jsonb,
  	"version_ai_disclosure_origin" "enum__articles_v_version_ai_disclosure_origin",
  	"version_ai_disclosure_ai_system" varchar,
  	"version_ai_disclosure_ai_system_version" varchar,
  	"version_ai_disclosure_source_locale" varchar,
  	"version_ai_disclosure_source_version" varchar,
  	"version_ai_disclosure_translation_system" varchar,
  	"version_ai_disclosure_human_reason" varchar,
  	"version_ai_disclosure_migrated" boolean DEFAULT false,
  	"version_ai_disclosure_editorial_responsibility" varchar,
  	"version_ai_disclosure_editorial_responsibility_type" "enum__articles_v_version_ai_disclosure_resp_type" DEFAULT 'organization',
  	"version_ai_disclosure_text_hash" varchar,
  	"version_ai_disclosure_review_reviewer_id" varchar,
  	"version_ai_disclosure_review_reviewer_name" varchar,
  	"version_ai_disclosure_review_reviewed_at" timestamp(3) with time zone,
  	"version_ai_disclosure_review_version_id" varchar,
  	"version_ai_disclosure_review_hash" varchar,
  	"version_ai_disclosure_review_migrated" boolean,
  	"version_translation_status" "enum__articles_v_version_translation_status",
  	"version_translation_source_hash" varchar,
  	"version__status" "enum__articles_v_version_status" DEFAULT 'draft',
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" uuid NOT NULL
  );
  
  CREATE TABLE "_articles_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"related_articles_id" uuid
  );
  
  CREATE TABLE "related_articles" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"image_id" uuid,
  	"language_id" uuid,
  	"article_id" uuid,
  	"url" varchar,
  	"import_key" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "related_articles_locales" (
  	"title" varchar,
  	"summary" varchar,
  	"ai_disclosure_origin" "enum_related_articles_ai_disclosure_origin",
  	"ai_disclosure_ai_system" varchar,
  	"ai_disclosure_ai_system_version" varchar,
  	"ai_disclosure_source_locale" varchar,
  	"ai_disclosure_source_version" varchar,
  	"ai_disclosure_translation_system" varchar,
  	"ai_disclosure_human_reason" varchar,
  	"ai_disclosure_migrated" boolean DEFAULT false,
  	"ai_disclosure_editorial_responsibility" varchar,
  	"ai_disclosure_editorial_responsibility_type" "enum_related_articles_ai_disclosure_resp_type" DEFAULT 'organization',
  	"ai_disclosure_text_hash" varchar,
  	"ai_disclosure_review_reviewer_id" varchar,
  	"ai_disclosure_review_reviewer_name" varchar,
  	"ai_disclosure_review_reviewed_at" timestamp(3) with time zone,
  	"ai_disclosure_review_version_id" varchar,
  	"ai_disclosure_review_hash" varchar,
  	"ai_disclosure_review_migrated" boolean,
  	"translation_status" "enum_related_articles_translation_status",
  	"translation_source_hash" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" uuid NOT NULL
  );
  
  CREATE TABLE "images" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"credit" varchar,
  	"ai_generated" boolean DEFAULT false,
  	"import_key" varchar,
  	"placeholder" boolean DEFAULT false,
  	"digital_source_type" varchar,
  	"ai_system" varchar,
  	"ai_prompt" varchar,
  	"ai_override_reason" varchar,
  	"provenance_source" varchar,
  	"provenance_status" varchar,
  	"provenance_reason" varchar,
  	"provenance_codes" jsonb,
  	"provenance_digital_source_type" varchar,
  	"provenance_ai_system" varchar,
  	"provenance_ai_system_version" varchar,
  	"provenance_claim_generator" varchar,
  	"provenance_signer" varchar,
  	"provenance_signer_organization" varchar,
  	"provenance_signed_at" timestamp(3) with time zone,
  	"provenance_actions" jsonb,
  	"provenance_ingredients" numeric,
  	"provenance_creator" varchar,
  	"provenance_credit" varchar,
  	"provenance_prompt_present" boolean,
  	"provenance_prompt" varchar,
  	"provenance_manifest" jsonb,
  	"provenance_read_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_hero_url" varchar,
  	"sizes_hero_width" numeric,
  	"sizes_hero_height" numeric,
  	"sizes_hero_mime_type" varchar,
  	"sizes_hero_filesize" numeric,
  	"sizes_hero_filename" varchar
  );
  
  CREATE TABLE "images_locales" (
  	"alt" varchar,
  	"caption" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" uuid NOT NULL
  );
  
  CREATE TABLE "locales" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"code" varchar NOT NULL,
  	"name" varchar NOT NULL,
  	"native_name" varchar,
  	"is_default" boolean DEFAULT false,
  	"fallback_locale" varchar,
  	"labels_related_heading" varchar NOT NULL,
  	"labels_ai_text_badge" varchar NOT NULL,
  	"labels_ai_image_badge" varchar NOT NULL,
  	"labels_consent_heading" varchar,
  	"labels_consent_accept_label" varchar,
  	"labels_consent_reject_label" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "users_roles" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_users_roles",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "users_translator_locales" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_users_translator_locales",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"name" varchar,
  	"can_read_drafts" boolean DEFAULT false,
  	"ai_system" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"enable_a_p_i_key" boolean,
  	"api_key" varchar,
  	"api_key_index" varchar,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "consent_records" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"consent_id" varchar,
  	"revision" numeric NOT NULL,
  	"accept_type" "enum_consent_records_accept_type" NOT NULL,
  	"locale" varchar,
  	"consented_at" timestamp(3) with time zone,
  	"ip_hash" varchar,
  	"browser" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "consent_records_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
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
  
  CREATE TABLE "payload_kv" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"articles_id" uuid,
  	"related_articles_id" uuid,
  	"images_id" uuid,
  	"locales_id" uuid,
  	"users_id" uuid,
  	"consent_records_id" uuid,
  	"ai_disclosure_log_id" uuid
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" uuid
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "consent_categories_services" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL
  );
  
  CREATE TABLE "consent_categories_services_locales" (
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );
  
  CREATE TABLE "consent_categories" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"required" boolean DEFAULT false
  );
  
  CREATE TABLE "consent_categories_locales" (
  	"label" varchar NOT NULL,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );
  
  CREATE TABLE "consent" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"enabled" boolean DEFAULT true,
  	"revision" numeric DEFAULT 1 NOT NULL,
  	"equal_weight_buttons" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "consent_locales" (
  	"title" varchar NOT NULL,
  	"text" varchar NOT NULL,
  	"accept_label" varchar NOT NULL,
  	"reject_label" varchar NOT NULL,
  	"settings_label" varchar,
  	"privacy_policy_label" varchar,
  	"privacy_policy_url" varchar,
  	"revision_message" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" uuid NOT NULL
  );
  
  CREATE TABLE "consent_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "articles" ADD CONSTRAINT "articles_hero_image_id_images_id_fk" FOREIGN KEY ("hero_image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_language_id_locales_id_fk" FOREIGN KEY ("language_id") REFERENCES "public"."locales"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles_locales" ADD CONSTRAINT "articles_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "articles_rels" ADD CONSTRAINT "articles_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "articles_rels" ADD CONSTRAINT "articles_rels_related_articles_fk" FOREIGN KEY ("related_articles_id") REFERENCES "public"."related_articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_parent_id_articles_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_hero_image_id_images_id_fk" FOREIGN KEY ("version_hero_image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_language_id_locales_id_fk" FOREIGN KEY ("version_language_id") REFERENCES "public"."locales"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v_locales" ADD CONSTRAINT "_articles_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_articles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_rels" ADD CONSTRAINT "_articles_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_articles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_rels" ADD CONSTRAINT "_articles_v_rels_related_articles_fk" FOREIGN KEY ("related_articles_id") REFERENCES "public"."related_articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "related_articles" ADD CONSTRAINT "related_articles_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "related_articles" ADD CONSTRAINT "related_articles_language_id_locales_id_fk" FOREIGN KEY ("language_id") REFERENCES "public"."locales"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "related_articles" ADD CONSTRAINT "related_articles_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "related_articles_locales" ADD CONSTRAINT "related_articles_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."related_articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "images_locales" ADD CONSTRAINT "images_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_roles" ADD CONSTRAINT "users_roles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_translator_locales" ADD CONSTRAINT "users_translator_locales_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_records_texts" ADD CONSTRAINT "consent_records_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."consent_records"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_articles_fk" FOREIGN KEY ("articles_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_related_articles_fk" FOREIGN KEY ("related_articles_id") REFERENCES "public"."related_articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_images_fk" FOREIGN KEY ("images_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_locales_fk" FOREIGN KEY ("locales_id") REFERENCES "public"."locales"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_consent_records_fk" FOREIGN KEY ("consent_records_id") REFERENCES "public"."consent_records"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ai_disclosure_log_fk" FOREIGN KEY ("ai_disclosure_log_id") REFERENCES "public"."ai_disclosure_log"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_categories_services" ADD CONSTRAINT "consent_categories_services_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."consent_categories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_categories_services_locales" ADD CONSTRAINT "consent_categories_services_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."consent_categories_services"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_categories" ADD CONSTRAINT "consent_categories_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."consent"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_categories_locales" ADD CONSTRAINT "consent_categories_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."consent_categories"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_locales" ADD CONSTRAINT "consent_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."consent"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_texts" ADD CONSTRAINT "consent_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."consent"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_hero_image_idx" ON "articles" USING btree ("hero_image_id");
  CREATE UNIQUE INDEX "articles_slug_idx" ON "articles" USING btree ("slug");
  CREATE INDEX "articles_language_idx" ON "articles" USING btree ("language_id");
  CREATE INDEX "articles_source_source_content_hash_idx" ON "articles" USING btree ("source_content_hash");
  CREATE INDEX "articles_updated_at_idx" ON "articles" USING btree ("updated_at");
  CREATE INDEX "articles_created_at_idx" ON "articles" USING btree ("created_at");
  CREATE INDEX "articles_live_published_at_created_at_idx" ON "articles" USING btree ("live","published_at","created_at");
  CREATE INDEX "articles_live_created_at_idx" ON "articles" USING btree ("live","created_at");
  CREATE INDEX "articles_published_at_created_at_idx" ON "articles" USING btree ("published_at","created_at");
  CREATE INDEX "articles_updated_at_created_at_idx" ON "articles" USING btree ("updated_at","created_at");
  CREATE INDEX "articles_publication_en_live_published_at_created_at_idx" ON "articles" USING btree ("publication_en_live","published_at","created_at");
  CREATE INDEX "articles_publication_de_live_published_at_created_at_idx" ON "articles" USING btree ("publication_de_live","published_at","created_at");
  CREATE INDEX "articles_publication_en_live_publication_en_first_published_at_created_at_idx" ON "articles" USING btree ("publication_en_live","publication_en_first_published_at","created_at");
  CREATE INDEX "articles_publication_de_live_publication_de_first_published_at_created_at_idx" ON "articles" USING btree ("publication_de_live","publication_de_first_published_at","created_at");
  CREATE INDEX "articles_ai_disclosure_ai_disclosure_origin_idx" ON "articles_locales" USING btree ("ai_disclosure_origin");
  CREATE INDEX "articles__status_idx" ON "articles_locales" USING btree ("_status","_locale");
  CREATE UNIQUE INDEX "articles_locales_locale_parent_id_unique" ON "articles_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "articles_locales_parent_id_idx" ON "articles_locales" USING btree ("_parent_id");
  CREATE INDEX "articles_locales_locale_translation_status_idx" ON "articles_locales" USING btree ("_locale","translation_status");
  CREATE INDEX "articles_rels_order_idx" ON "articles_rels" USING btree ("order");
  CREATE INDEX "articles_rels_parent_idx" ON "articles_rels" USING btree ("parent_id");
  CREATE INDEX "articles_rels_path_idx" ON "articles_rels" USING btree ("path");
  CREATE INDEX "articles_rels_related_articles_id_idx" ON "articles_rels" USING btree ("related_articles_id");
  CREATE INDEX "_articles_v_parent_idx" ON "_articles_v" USING btree ("parent_id");
  CREATE INDEX "_articles_v_version_version_hero_image_idx" ON "_articles_v" USING btree ("version_hero_image_id");
  CREATE INDEX "_articles_v_version_version_slug_idx" ON "_articles_v" USING btree ("version_slug");
  CREATE INDEX "_articles_v_version_version_language_idx" ON "_articles_v" USING btree ("version_language_id");
  CREATE INDEX "_articles_v_version_source_version_source_content_hash_idx" ON "_articles_v" USING btree ("version_source_content_hash");
  CREATE INDEX "_articles_v_version_version_updated_at_idx" ON "_articles_v" USING btree ("version_updated_at");
  CREATE INDEX "_articles_v_version_version_created_at_idx" ON "_articles_v" USING btree ("version_created_at");
  CREATE INDEX "_articles_v_created_at_idx" ON "_articles_v" USING btree ("created_at");
  CREATE INDEX "_articles_v_updated_at_idx" ON "_articles_v" USING btree ("updated_at");
  CREATE INDEX "_articles_v_snapshot_idx" ON "_articles_v" USING btree ("snapshot");
  CREATE INDEX "_articles_v_published_locale_idx" ON "_articles_v" USING btree ("published_locale");
  CREATE INDEX "_articles_v_latest_idx" ON "_articles_v" USING btree ("latest");
  CREATE INDEX "_articles_v_latest_version_published_at_created_at_idx" ON "_articles_v" USING btree ("latest","version_published_at","created_at");
  CREATE INDEX "_articles_v_latest_version_updated_at_created_at_idx" ON "_articles_v" USING btree ("latest","version_updated_at","created_at");
  CREATE INDEX "_articles_v_latest_version_created_at_created_at_idx" ON "_articles_v" USING btree ("latest","version_created_at","created_at");
  CREATE INDEX "_articles_v_version_ai_disclosure_version_ai_disclosure__idx" ON "_articles_v_locales" USING btree ("version_ai_disclosure_origin");
  CREATE INDEX "_articles_v_version_version__status_idx" ON "_articles_v_locales" USING btree ("version__status","_locale");
  CREATE UNIQUE INDEX "_articles_v_locales_locale_parent_id_unique" ON "_articles_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_articles_v_locales_parent_id_idx" ON "_articles_v_locales" USING btree ("_parent_id");
  CREATE INDEX "_articles_v_locales_locale_version_translation_status_idx" ON "_articles_v_locales" USING btree ("_locale","version_translation_status");
  CREATE INDEX "_articles_v_rels_order_idx" ON "_articles_v_rels" USING btree ("order");
  CREATE INDEX "_articles_v_rels_parent_idx" ON "_articles_v_rels" USING btree ("parent_id");
  CREATE INDEX "_articles_v_rels_path_idx" ON "_articles_v_rels" USING btree ("path");
  CREATE INDEX "_articles_v_rels_related_articles_id_idx" ON "_articles_v_rels" USING btree ("related_articles_id");
  CREATE INDEX "related_articles_image_idx" ON "related_articles" USING btree ("image_id");
  CREATE INDEX "related_articles_language_idx" ON "related_articles" USING btree ("language_id");
  CREATE INDEX "related_articles_article_idx" ON "related_articles" USING btree ("article_id");
  CREATE INDEX "related_articles_import_key_idx" ON "related_articles" USING btree ("import_key");
  CREATE INDEX "related_articles_updated_at_idx" ON "related_articles" USING btree ("updated_at");
  CREATE INDEX "related_articles_created_at_idx" ON "related_articles" USING btree ("created_at");
  CREATE INDEX "related_articles_updated_at_created_at_idx" ON "related_articles" USING btree ("updated_at","created_at");
  CREATE INDEX "related_articles_ai_disclosure_ai_disclosure_origin_idx" ON "related_articles_locales" USING btree ("ai_disclosure_origin");
  CREATE UNIQUE INDEX "related_articles_locales_locale_parent_id_unique" ON "related_articles_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "related_articles_locales_parent_id_idx" ON "related_articles_locales" USING btree ("_parent_id");
  CREATE INDEX "related_articles_locales_locale_translation_status_idx" ON "related_articles_locales" USING btree ("_locale","translation_status");
  CREATE INDEX "images_import_key_idx" ON "images" USING btree ("import_key");
  CREATE INDEX "images_digital_source_type_idx" ON "images" USING btree ("digital_source_type");
  CREATE INDEX "images_provenance_provenance_status_idx" ON "images" USING btree ("provenance_status");
  CREATE INDEX "images_updated_at_idx" ON "images" USING btree ("updated_at");
  CREATE INDEX "images_created_at_idx" ON "images" USING btree ("created_at");
  CREATE UNIQUE INDEX "images_filename_idx" ON "images" USING btree ("filename");
  CREATE INDEX "images_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "images" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "images_sizes_card_sizes_card_filename_idx" ON "images" USING btree ("sizes_card_filename");
  CREATE INDEX "images_sizes_hero_sizes_hero_filename_idx" ON "images" USING btree ("sizes_hero_filename");
  CREATE UNIQUE INDEX "images_locales_locale_parent_id_unique" ON "images_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "images_locales_parent_id_idx" ON "images_locales" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "locales_code_idx" ON "locales" USING btree ("code");
  CREATE INDEX "locales_updated_at_idx" ON "locales" USING btree ("updated_at");
  CREATE INDEX "locales_created_at_idx" ON "locales" USING btree ("created_at");
  CREATE INDEX "users_roles_order_idx" ON "users_roles" USING btree ("order");
  CREATE INDEX "users_roles_parent_idx" ON "users_roles" USING btree ("parent_id");
  CREATE INDEX "users_translator_locales_order_idx" ON "users_translator_locales" USING btree ("order");
  CREATE INDEX "users_translator_locales_parent_idx" ON "users_translator_locales" USING btree ("parent_id");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "consent_records_consent_id_idx" ON "consent_records" USING btree ("consent_id");
  CREATE INDEX "consent_records_consented_at_idx" ON "consent_records" USING btree ("consented_at");
  CREATE INDEX "consent_records_ip_hash_idx" ON "consent_records" USING btree ("ip_hash");
  CREATE INDEX "consent_records_updated_at_idx" ON "consent_records" USING btree ("updated_at");
  CREATE INDEX "consent_records_created_at_idx" ON "consent_records" USING btree ("created_at");
  CREATE INDEX "consent_records_texts_order_parent" ON "consent_records_texts" USING btree ("order","parent_id");
  CREATE INDEX "ai_disclosure_log_at_idx" ON "ai_disclosure_log" USING btree ("at");
  CREATE INDEX "ai_disclosure_log_event_idx" ON "ai_disclosure_log" USING btree ("event");
  CREATE INDEX "ai_disclosure_log_collection_idx" ON "ai_disclosure_log" USING btree ("collection");
  CREATE INDEX "ai_disclosure_log_doc_id_idx" ON "ai_disclosure_log" USING btree ("doc_id");
  CREATE INDEX "ai_disclosure_log_updated_at_idx" ON "ai_disclosure_log" USING btree ("updated_at");
  CREATE INDEX "ai_disclosure_log_created_at_idx" ON "ai_disclosure_log" USING btree ("created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_articles_id_idx" ON "payload_locked_documents_rels" USING btree ("articles_id");
  CREATE INDEX "payload_locked_documents_rels_related_articles_id_idx" ON "payload_locked_documents_rels" USING btree ("related_articles_id");
  CREATE INDEX "payload_locked_documents_rels_images_id_idx" ON "payload_locked_documents_rels" USING btree ("images_id");
  CREATE INDEX "payload_locked_documents_rels_locales_id_idx" ON "payload_locked_documents_rels" USING btree ("locales_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_consent_records_id_idx" ON "payload_locked_documents_rels" USING btree ("consent_records_id");
  CREATE INDEX "payload_locked_documents_rels_ai_disclosure_log_id_idx" ON "payload_locked_documents_rels" USING btree ("ai_disclosure_log_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");
  CREATE INDEX "consent_categories_services_order_idx" ON "consent_categories_services" USING btree ("_order");
  CREATE INDEX "consent_categories_services_parent_id_idx" ON "consent_categories_services" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "consent_categories_services_locales_locale_parent_id_unique" ON "consent_categories_services_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "consent_categories_services_locales_parent_id_idx" ON "consent_categories_services_locales" USING btree ("_parent_id");
  CREATE INDEX "consent_categories_order_idx" ON "consent_categories" USING btree ("_order");
  CREATE INDEX "consent_categories_parent_id_idx" ON "consent_categories" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "consent_categories_locales_locale_parent_id_unique" ON "consent_categories_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "consent_categories_locales_parent_id_idx" ON "consent_categories_locales" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "consent_locales_locale_parent_id_unique" ON "consent_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "consent_locales_parent_id_idx" ON "consent_locales" USING btree ("_parent_id");
  CREATE INDEX "consent_texts_order_parent" ON "consent_texts" USING btree ("order","parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "articles" CASCADE;
  DROP TABLE "articles_locales" CASCADE;
  DROP TABLE "articles_rels" CASCADE;
  DROP TABLE "_articles_v" CASCADE;
  DROP TABLE "_articles_v_locales" CASCADE;
  DROP TABLE "_articles_v_rels" CASCADE;
  DROP TABLE "related_articles" CASCADE;
  DROP TABLE "related_articles_locales" CASCADE;
  DROP TABLE "images" CASCADE;
  DROP TABLE "images_locales" CASCADE;
  DROP TABLE "locales" CASCADE;
  DROP TABLE "users_roles" CASCADE;
  DROP TABLE "users_translator_locales" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "consent_records" CASCADE;
  DROP TABLE "consent_records_texts" CASCADE;
  DROP TABLE "ai_disclosure_log" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TABLE "consent_categories_services" CASCADE;
  DROP TABLE "consent_categories_services_locales" CASCADE;
  DROP TABLE "consent_categories" CASCADE;
  DROP TABLE "consent_categories_locales" CASCADE;
  DROP TABLE "consent" CASCADE;
  DROP TABLE "consent_locales" CASCADE;
  DROP TABLE "consent_texts" CASCADE;
  DROP TYPE "public"."_locales";
  DROP TYPE "public"."enum_articles_ai_disclosure_origin";
  DROP TYPE "public"."enum_articles_ai_disclosure_resp_type";
  DROP TYPE "public"."enum_articles_translation_status";
  DROP TYPE "public"."enum_articles_status";
  DROP TYPE "public"."enum__articles_v_published_locale";
  DROP TYPE "public"."enum__articles_v_version_ai_disclosure_origin";
  DROP TYPE "public"."enum__articles_v_version_ai_disclosure_resp_type";
  DROP TYPE "public"."enum__articles_v_version_translation_status";
  DROP TYPE "public"."enum__articles_v_version_status";
  DROP TYPE "public"."enum_related_articles_ai_disclosure_origin";
  DROP TYPE "public"."enum_related_articles_ai_disclosure_resp_type";
  DROP TYPE "public"."enum_related_articles_translation_status";
  DROP TYPE "public"."enum_users_roles";
  DROP TYPE "public"."enum_users_translator_locales";
  DROP TYPE "public"."enum_consent_records_accept_type";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
