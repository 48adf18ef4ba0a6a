-- The webhook outbox is filled in the answer's own transaction: a delivery exists exactly when
-- its answer was committed. One row per event and matching subscription.

-- `rows`: {site_id, survey_id, id, user_id, account_id, score, band, comment, locale, url, user_traits, account_traits, created_at, updated_at}.
CREATE FUNCTION tenpoint_queue_webhooks(event_name text, subject text, changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (site_id, webhook_id, event, payload)
  SELECT c.site_id, w.id, event_name, jsonb_build_object(
    subject, jsonb_strip_nulls(jsonb_build_object(
      'id', c.id, 'surveyId', c.survey_id, 'score', c.score, 'category', category.name, 'comment', c.comment,
      'locale', c.locale, 'url', c.url, 'createdAt', c.created_at, 'updatedAt', c.updated_at)),
    'survey', jsonb_build_object('id', s.id, 'type', s.type, 'name', s.name),
    'user', jsonb_build_object('userId', c.user_id, 'traits', coalesce(c.user_traits, '{}'::jsonb)),
    'account', CASE WHEN c.account_id IS NULL THEN NULL ELSE jsonb_build_object('id', c.account_id, 'traits', coalesce(c.account_traits, '{}'::jsonb)) END)
  FROM jsonb_to_recordset(changes) AS c(
    site_id uuid, survey_id uuid, id uuid, user_id text, account_id text, score integer, band text, comment text, locale text, url text,
    user_traits jsonb, account_traits jsonb, created_at timestamptz, updated_at timestamptz)
  JOIN surveys s ON s.site_id = c.site_id AND s.id = c.survey_id
  CROSS JOIN LATERAL (SELECT CASE
    WHEN c.band IS NULL THEN NULL
    WHEN s.type = 'nps' THEN (CASE c.band WHEN 'low' THEN 'detractor' WHEN 'middle' THEN 'passive' ELSE 'promoter' END)
    ELSE c.band END AS name) AS category
  JOIN webhooks w ON w.site_id = c.site_id
  -- A paused subscription still collects its deliveries: they go out when it is resumed.
  WHERE event_name = ANY (w.events)
    AND (w.filter -> 'surveyId' IS NULL OR w.filter ->> 'surveyId' = c.survey_id::text)
    -- A category filter lets through the categories it names (detractor or low alike), and no dismissal.
    AND (w.filter -> 'categories' IS NULL OR (category.name IS NOT NULL AND (w.filter -> 'categories' ? category.name OR w.filter -> 'categories' ? c.band)))
$$;
--> statement-breakpoint
CREATE FUNCTION tenpoint_webhooks_for_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most sites have no subscription: nothing to build then.
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM tenpoint_queue_webhooks('response.created', 'response', (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n));
  ELSE
    -- The comment arriving, or the score changed: a retry that changes nothing sends nothing.
    PERFORM tenpoint_queue_webhooks('response.updated', 'response', (
      SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n JOIN old_rows o ON o.site_id = n.site_id AND o.id = n.id
      WHERE (n.comment, n.score) IS DISTINCT FROM (o.comment, o.score)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION tenpoint_webhooks_for_declines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  PERFORM tenpoint_queue_webhooks('decline.created', 'decline', (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_webhooks_inserted AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_webhooks_for_responses();
--> statement-breakpoint
CREATE TRIGGER responses_webhooks_updated AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_webhooks_for_responses();
--> statement-breakpoint
CREATE TRIGGER declines_webhooks_inserted AFTER INSERT ON declines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_webhooks_for_declines();
