ALTER TYPE "public"."x_account_status" ADD VALUE 'disconnected';--> statement-breakpoint
CREATE TABLE "admin_handle_pins" (
	"username" text PRIMARY KEY NOT NULL,
	"x_user_id" text NOT NULL,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "x_accounts" ALTER COLUMN "access_token_enc" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "x_media" jsonb;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "refresh_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "post_parts_media_idx" ON "post_parts" USING gin ("media" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "posts_failed_idx" ON "posts" USING btree ("updated_at","id") WHERE "posts"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "posts_cancelled_idx" ON "posts" USING btree ("updated_at") WHERE "posts"."status" = 'cancelled';