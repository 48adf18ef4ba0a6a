ALTER TABLE "declines" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "declines" ADD COLUMN "user_traits" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "declines" ADD COLUMN "account_traits" jsonb DEFAULT '{}'::jsonb NOT NULL;