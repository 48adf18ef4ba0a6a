-- Every widget call updates its user and account (last seen, traits). With room left on each page
-- the new version stays on the same page and needs no new index entry (a HOT update), so these
-- updates cost less and leave less behind for vacuum.
ALTER TABLE "users" SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE "accounts" SET (fillfactor = 80);
--> statement-breakpoint
-- No query filters on these documents as a whole (traits are read by key), so their statistics
-- would never be used; gathering them was most of what analyzing these tables cost.
ALTER TABLE "users" ALTER COLUMN "traits" SET STATISTICS 0, ALTER COLUMN "shown_at_by_survey" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "traits" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "responses" ALTER COLUMN "user_traits" SET STATISTICS 0, ALTER COLUMN "account_traits" SET STATISTICS 0, ALTER COLUMN "url" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "declines" ALTER COLUMN "user_traits" SET STATISTICS 0, ALTER COLUMN "account_traits" SET STATISTICS 0;
