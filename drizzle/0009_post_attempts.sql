CREATE TYPE "public"."attempt_outcome" AS ENUM('published', 'retry', 'failed');--> statement-breakpoint
CREATE TABLE "post_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "post_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"post_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"worker" text NOT NULL,
	"outcome" "attempt_outcome" NOT NULL,
	"x_status" integer,
	"error_class" "failure_class",
	"error" text
);
--> statement-breakpoint
ALTER TABLE "post_attempts" ADD CONSTRAINT "post_attempts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_attempts_post_idx" ON "post_attempts" USING btree ("post_id","id");