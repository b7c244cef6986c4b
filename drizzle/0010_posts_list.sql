-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "post_parts_text_trgm_idx" ON "post_parts" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "posts_user_time_idx" ON "posts" USING btree ("user_id",coalesce("scheduled_at", 'infinity'::timestamptz),"id");