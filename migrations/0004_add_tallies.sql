CREATE TABLE "daily_tallies" (
	"site_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"day" date NOT NULL,
	"low" integer DEFAULT 0 NOT NULL,
	"middle" integer DEFAULT 0 NOT NULL,
	"high" integer DEFAULT 0 NOT NULL,
	"sum" bigint DEFAULT 0 NOT NULL,
	"sum_of_squares" bigint DEFAULT 0 NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"declines" integer DEFAULT 0 NOT NULL,
	"last_answer_at" timestamp with time zone,
	CONSTRAINT "daily_tallies_pkey" PRIMARY KEY("site_id","survey_id","dimension","value","day")
);
--> statement-breakpoint
CREATE TABLE "hourly_tallies" (
	"site_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"low" integer DEFAULT 0 NOT NULL,
	"middle" integer DEFAULT 0 NOT NULL,
	"high" integer DEFAULT 0 NOT NULL,
	"sum" bigint DEFAULT 0 NOT NULL,
	"sum_of_squares" bigint DEFAULT 0 NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"declines" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hourly_tallies_pkey" PRIMARY KEY("site_id","survey_id","hour")
);
--> statement-breakpoint
CREATE TABLE "tally_changes" (
	"site_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"sign" integer NOT NULL,
	"band" text,
	"score" integer,
	"account_id" text,
	"locale" text,
	"user_traits" jsonb,
	"account_traits" jsonb
);
--> statement-breakpoint
CREATE TABLE "weekly_tallies" (
	"site_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"day" date NOT NULL,
	"low" integer DEFAULT 0 NOT NULL,
	"middle" integer DEFAULT 0 NOT NULL,
	"high" integer DEFAULT 0 NOT NULL,
	"sum" bigint DEFAULT 0 NOT NULL,
	"sum_of_squares" bigint DEFAULT 0 NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"declines" integer DEFAULT 0 NOT NULL,
	"last_answer_at" timestamp with time zone,
	CONSTRAINT "weekly_tallies_pkey" PRIMARY KEY("site_id","survey_id","dimension","value","day")
);
--> statement-breakpoint
ALTER TABLE "daily_tallies" ADD CONSTRAINT "daily_tallies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hourly_tallies" ADD CONSTRAINT "hourly_tallies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_tallies" ADD CONSTRAINT "weekly_tallies_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tally_changes_site_survey_at_idx" ON "tally_changes" USING btree ("site_id","survey_id","at");