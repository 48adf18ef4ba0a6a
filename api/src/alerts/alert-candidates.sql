-- Which responses the alert worker looks at (api/src/alerts/take-candidates.ts): a candidate is queued
-- in the response's own transaction when it is written or given its comment.
--
-- This file is the one home of this function. Every start applies it after the migrations
-- (api/src/db/sql-definitions.ts), so a change to it is made HERE, never restated in a new
-- migration. Its triggers were made by migrations/0022:
--   responses AFTER INSERT, UPDATE -> tenpoint_alert_candidates()
-- Only for sites with an alert rule; never a test-mode response, nor one imported from an export
-- (history is not news: nobody should be alerted about an answer from last year).
CREATE OR REPLACE FUNCTION tenpoint_alert_candidates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most sites have no alert rule: nothing to queue then.
  IF NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO alert_candidates (site_id, response_id)
    SELECT n.site_id, n.id FROM new_rows n
    WHERE NOT n.test AND n.imported_from IS NULL AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.site_id = n.site_id)
    ON CONFLICT DO NOTHING;
  ELSE
    -- The comment arriving (or the score changed); a retry that changes nothing queues nothing.
    INSERT INTO alert_candidates (site_id, response_id)
    SELECT n.site_id, n.id FROM new_rows n JOIN old_rows o ON o.site_id = n.site_id AND o.id = n.id
    WHERE NOT n.test AND n.imported_from IS NULL AND (n.comment, n.score) IS DISTINCT FROM (o.comment, o.score)
      AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.site_id = n.site_id)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
