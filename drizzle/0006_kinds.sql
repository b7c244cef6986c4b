CREATE TYPE "public"."reply_setting" AS ENUM('following', 'mentionedUsers', 'subscribers', 'verified');--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "poll" jsonb;--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "quote_post_id" text;--> statement-breakpoint
ALTER TABLE "post_parts" ADD COLUMN "reply_to_post_id" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "reply_settings" "reply_setting";--> statement-breakpoint
ALTER TABLE "post_parts" ADD CONSTRAINT "post_parts_reply_first_only" CHECK ("post_parts"."reply_to_post_id" is null or "post_parts"."position" = 0);