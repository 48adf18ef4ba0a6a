CREATE TABLE "alert_candidates" (
	"site_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_candidates_pkey" PRIMARY KEY("site_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "alert_matches" (
	"site_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "alert_matches_pkey" PRIMARY KEY("site_id","rule_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"site_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"created_by_member_id" uuid,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"destination" jsonb NOT NULL,
	"frequency" text DEFAULT 'immediate' NOT NULL,
	"paused_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_pkey" PRIMARY KEY("site_id","id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_entries" (
	"site_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_member_id" uuid,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"subject" text,
	"sent_to" text,
	"delivery_status" text,
	"delivery_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_entries_pkey" PRIMARY KEY("site_id","id")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"site_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"owner_member_id" uuid,
	"resolution" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_follow_up_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_pkey" PRIMARY KEY("site_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "member_settings" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"digest" text DEFAULT 'off' NOT NULL,
	"digest_sent_for_week" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "site_id" uuid;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_rule_fk" FOREIGN KEY ("site_id","rule_id") REFERENCES "public"."alert_rules"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_matches" ADD CONSTRAINT "alert_matches_response_fk" FOREIGN KEY ("site_id","response_id") REFERENCES "public"."responses"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_created_by_member_id_members_id_fk" FOREIGN KEY ("created_by_member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_entries" ADD CONSTRAINT "follow_up_entries_author_member_id_members_id_fk" FOREIGN KEY ("author_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_entries" ADD CONSTRAINT "follow_up_entries_response_fk" FOREIGN KEY ("site_id","response_id") REFERENCES "public"."responses"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_member_id_members_id_fk" FOREIGN KEY ("owner_member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_response_fk" FOREIGN KEY ("site_id","response_id") REFERENCES "public"."responses"("site_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_settings" ADD CONSTRAINT "member_settings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_matches_due_idx" ON "alert_matches" USING btree ("next_attempt_at") WHERE "alert_matches"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "follow_up_entries_response_idx" ON "follow_up_entries" USING btree ("site_id","response_id","created_at");--> statement-breakpoint
CREATE INDEX "follow_ups_site_state_idx" ON "follow_ups" USING btree ("site_id","state");--> statement-breakpoint
CREATE INDEX "follow_ups_site_owner_idx" ON "follow_ups" USING btree ("site_id","owner_member_id");--> statement-breakpoint
CREATE INDEX "email_outbox_user_idx" ON "email_outbox" USING btree ("site_id","user_id");