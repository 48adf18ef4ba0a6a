-- Rows counted before this column knew only their hour: it stands for their first call.
ALTER TABLE "widget_call_counts" ADD COLUMN "first_at" timestamp with time zone;--> statement-breakpoint
UPDATE "widget_call_counts" SET "first_at" = "hour";--> statement-breakpoint
ALTER TABLE "widget_call_counts" ALTER COLUMN "first_at" SET NOT NULL;
