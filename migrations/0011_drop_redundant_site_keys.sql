ALTER TABLE "impressions" DROP CONSTRAINT "impressions_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "responses" DROP CONSTRAINT "responses_site_id_sites_id_fk";
--> statement-breakpoint
ALTER TABLE "declines" DROP CONSTRAINT "declines_site_id_sites_id_fk";
