-- The webhook outbox's SQL: a delivery is queued in the transaction of its response or decline,
-- so that it exists exactly when that was committed (api/src/webhooks/delivery-worker.ts sends it).
--
-- This file is the one home of these functions. Every start applies it after the migrations and
-- the score engine (api/src/db/sql-definitions.ts), so a change to them is made HERE, never
-- restated in a new migration. The triggers that call them were made by migrations/0007:
--   responses AFTER INSERT, UPDATE -> tenpoint_webhooks_for_responses()
--   declines AFTER INSERT -> tenpoint_webhooks_for_declines()
-- Statements are separated by a statement-breakpoint line, as in the migrations.

-- One delivery per event and matching subscription. `changes`: rows of {site_id, survey_id, id,
-- user_id, account_id, score, band, comment, locale, url, user_traits, account_traits, created_at,
-- updated_at}, and for follow-up events {follow_up}.
CREATE OR REPLACE FUNCTION tenpoint_queue_webhooks(event_name text, subject text, changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (site_id, webhook_id, event, payload)
  SELECT c.site_id, w.id, event_name, jsonb_build_object(
    subject, jsonb_strip_nulls(jsonb_build_object(
      'id', c.id, 'surveyId', c.survey_id, 'score', c.score, 'category', category.name, 'comment', c.comment,
      'locale', c.locale, 'url', c.url, 'createdAt', c.created_at, 'updatedAt', c.updated_at)),
    'survey', jsonb_build_object('id', s.id, 'type', s.type, 'name', s.name),
    'user', jsonb_build_object('userId', c.user_id, 'traits', coalesce(c.user_traits, '{}'::jsonb)),
    'account', CASE WHEN c.account_id IS NULL THEN NULL
      ELSE jsonb_build_object('id', c.account_id, 'traits', coalesce(c.account_traits, '{}'::jsonb)) END)
    -- Follow-up events (api/src/follow-ups/) carry the follow-up as it is after the change.
    || CASE WHEN c.follow_up IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('followUp', c.follow_up) END
  FROM jsonb_to_recordset(changes) AS c(
    site_id uuid, survey_id uuid, id uuid, user_id text, account_id text, score integer, band text, comment text, locale text, url text,
    user_traits jsonb, account_traits jsonb, created_at timestamptz, updated_at timestamptz, follow_up jsonb)
  JOIN surveys s ON s.site_id = c.site_id AND s.id = c.survey_id
  -- tenpoint_category_name() is written from @tenpoint/shared/scores (api/src/scores/category-sql.ts).
  CROSS JOIN LATERAL (SELECT tenpoint_category_name(s.type, c.band) AS name) AS category
  JOIN webhooks w ON w.site_id = c.site_id
  -- A paused subscription still collects its deliveries: they go out when it is resumed.
  WHERE event_name = ANY (w.events)
    AND (w.filter -> 'surveyId' IS NULL OR lower(w.filter ->> 'surveyId') = c.survey_id::text)
    -- A category filter lets through the categories it names (detractor or low alike), and no decline.
    AND (w.filter -> 'categories' IS NULL
      OR (category.name IS NOT NULL AND (w.filter -> 'categories' ? category.name OR w.filter -> 'categories' ? c.band)))
$$;
--> statement-breakpoint
-- Responses and declines recorded in test mode reach no webhook, nor responses imported from an export
-- (history, not news).
CREATE OR REPLACE FUNCTION tenpoint_webhooks_for_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most sites have no subscription: nothing to build then.
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM tenpoint_queue_webhooks('response.created', 'response',
      (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE NOT n.test AND n.imported_from IS NULL));
  ELSE
    -- The comment arriving, or the score changed: a retry that changes nothing sends nothing.
    PERFORM tenpoint_queue_webhooks('response.updated', 'response', (
      SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n JOIN old_rows o ON o.site_id = n.site_id AND o.id = n.id
      WHERE (n.comment, n.score) IS DISTINCT FROM (o.comment, o.score) AND NOT n.test AND n.imported_from IS NULL));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenpoint_webhooks_for_declines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  PERFORM tenpoint_queue_webhooks('decline.created', 'decline', (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE NOT n.test));
  RETURN NULL;
END $$;
