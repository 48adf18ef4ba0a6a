CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"site_key" text NOT NULL,
	"secret_key_hash" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"identity_secret" text,
	"enforce_identity" boolean DEFAULT false NOT NULL,
	"test_mode" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_site_key_unique" UNIQUE("site_key"),
	CONSTRAINT "sites_secret_key_hash_unique" UNIQUE("secret_key_hash")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"product_name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_pkey" PRIMARY KEY("site_id","id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"site_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"name" text,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_pkey" PRIMARY KEY("site_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"site_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"email" text,
	"account_id" text,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" text,
	"signed_up_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_pkey" PRIMARY KEY("site_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "impressions" (
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"shown_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impressions_pkey" PRIMARY KEY("site_id","id")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"site_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"account_id" text,
	"score" smallint NOT NULL,
	"band" text NOT NULL,
	"comment" text,
	"locale" text,
	"url" text,
	"user_traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responses_pkey" PRIMARY KEY("site_id","id")
);
--> statement-breakpoint
CREATE TABLE "declines" (
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"account_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declines_pkey" PRIMARY KEY("site_id","id")
);
--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impressions" ADD CONSTRAINT "impressions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impressions" ADD CONSTRAINT "impressions_survey_fk" FOREIGN KEY ("site_id","survey_id") REFERENCES "public"."surveys"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_survey_fk" FOREIGN KEY ("site_id","survey_id") REFERENCES "public"."surveys"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declines" ADD CONSTRAINT "declines_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declines" ADD CONSTRAINT "declines_survey_fk" FOREIGN KEY ("site_id","survey_id") REFERENCES "public"."surveys"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_one_default_per_site" ON "surveys" USING btree ("site_id") WHERE "surveys"."is_default";--> statement-breakpoint
CREATE INDEX "impressions_site_user_idx" ON "impressions" USING btree ("site_id","user_id","shown_at");--> statement-breakpoint
CREATE INDEX "impressions_site_survey_shown_idx" ON "impressions" USING btree ("site_id","survey_id","shown_at");--> statement-breakpoint
CREATE INDEX "responses_site_survey_created_idx" ON "responses" USING btree ("site_id","survey_id","created_at");--> statement-breakpoint
CREATE INDEX "responses_site_user_idx" ON "responses" USING btree ("site_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "declines_site_user_idx" ON "declines" USING btree ("site_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "declines_site_survey_created_idx" ON "declines" USING btree ("site_id","survey_id","created_at");