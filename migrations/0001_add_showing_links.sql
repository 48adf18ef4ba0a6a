ALTER TABLE "impressions" ADD COLUMN "account_id" text;--> statement-breakpoint
ALTER TABLE "declines" ADD COLUMN "impression_id" uuid;--> statement-breakpoint
CREATE INDEX "impressions_site_account_shown_idx" ON "impressions" USING btree ("site_id","account_id","shown_at") WHERE "impressions"."account_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "declines_one_per_impression" ON "declines" USING btree ("site_id","impression_id") WHERE "declines"."impression_id" is not null;