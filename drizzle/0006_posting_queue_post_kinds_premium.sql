CREATE TYPE "public"."reply_setting" AS ENUM('following', 'mentionedUsers', 'subscribers', 'verified');--> statement-breakpoint
CREATE TABLE "account_schedules" (
	"x_account_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"slots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"blackout_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "poll" jsonb;--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "quote_post_id" text;--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "reply_to_post_id" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "queue_slot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "reply_settings" "reply_setting";--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "subscription_type" text DEFAULT 'None' NOT NULL;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "subscription_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_schedules" ADD CONSTRAINT "account_schedules_x_account_id_x_accounts_id_fk" FOREIGN KEY ("x_account_id") REFERENCES "public"."x_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "posts_queue_slot_key" ON "posts" USING btree ("x_account_id","scheduled_at") WHERE "posts"."queue_slot" and "posts"."status" in ('scheduled', 'queued', 'publishing');--> statement-breakpoint
CREATE INDEX "x_accounts_subscription_due_idx" ON "x_accounts" USING btree ("subscription_checked_at" NULLS FIRST) WHERE "x_accounts"."status" = 'active';--> statement-breakpoint
ALTER TABLE "post_parts" ADD CONSTRAINT "post_parts_reply_first_only" CHECK ("post_parts"."reply_to_post_id" is null or "post_parts"."position" = 0);