ALTER TABLE "responses" ADD COLUMN "imported_from" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "wootric_account_token" text;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_wootric_account_token_unique" UNIQUE("wootric_account_token");