CREATE TYPE "public"."admin_action" AS ENUM('pause', 'resume', 'retry', 'retry_matching', 'cancel');--> statement-breakpoint
CREATE TABLE "admin_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"admin_user_id" text,
	"action" "admin_action" NOT NULL,
	"post_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"filter" jsonb,
	"count" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publishing_state" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publishing_state_one_row" CHECK ("publishing_state"."id")
);
--> statement-breakpoint
ALTER TABLE "admin_audit" ADD CONSTRAINT "admin_audit_admin_user_id_users_id_fk" FOREIGN KEY ("admin_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publishing_state" ADD CONSTRAINT "publishing_state_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_audit_at_idx" ON "admin_audit" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "posts_failed_account_idx" ON "posts" USING btree ("x_account_id","updated_at","id") WHERE "posts"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "posts_failed_user_idx" ON "posts" USING btree ("user_id","updated_at","id") WHERE "posts"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "posts_failed_class_idx" ON "posts" USING btree ("last_error_class","updated_at","id") WHERE "posts"."status" = 'failed';