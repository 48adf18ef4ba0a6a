ALTER TABLE "impressions" ADD COLUMN "starts_round" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_tallies" ADD COLUMN "shown_users" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hourly_tallies" ADD COLUMN "shown_users" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "weekly_tallies" ADD COLUMN "shown_users" integer DEFAULT 0 NOT NULL;