ALTER TABLE "x_accounts" ADD COLUMN "subscription_type" text DEFAULT 'None' NOT NULL;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "subscription_checked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "x_accounts_subscription_due_idx" ON "x_accounts" USING btree ("subscription_checked_at" NULLS FIRST) WHERE "x_accounts"."status" = 'active';