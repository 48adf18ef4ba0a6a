-- Each site's one secret key becomes its first named key, with full access.
INSERT INTO "site_keys" ("site_id", "id", "name", "access", "hash", "start", "created_by")
SELECT "id", gen_random_uuid(), 'Default key', 'full', "secret_key_hash", 'sk_', 'tenpoint sites create' FROM "sites";--> statement-breakpoint
ALTER TABLE "sites" DROP CONSTRAINT "sites_secret_key_hash_unique";--> statement-breakpoint
ALTER TABLE "sites" DROP COLUMN "secret_key_hash";
