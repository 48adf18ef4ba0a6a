DROP INDEX "impressions_site_user_idx";--> statement-breakpoint
DROP INDEX "responses_site_user_idx";--> statement-breakpoint
DROP INDEX "declines_site_user_idx";--> statement-breakpoint
CREATE INDEX "impressions_site_user_survey_idx" ON "impressions" USING btree ("site_id","user_id","survey_id","shown_at");--> statement-breakpoint
CREATE INDEX "responses_site_user_survey_idx" ON "responses" USING btree ("site_id","user_id","survey_id","created_at");--> statement-breakpoint
CREATE INDEX "declines_site_user_survey_idx" ON "declines" USING btree ("site_id","user_id","survey_id","created_at");