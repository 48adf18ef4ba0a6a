-- A response written, or given its comment, is a candidate for the alert worker, queued in the
-- response's own transaction; only for sites with an alert rule, and never a test-mode response.
CREATE FUNCTION tenpoint_alert_candidates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most sites have no alert rule: nothing to queue then.
  IF NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO alert_candidates (site_id, response_id)
    SELECT n.site_id, n.id FROM new_rows n
    WHERE NOT n.test AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.site_id = n.site_id)
    ON CONFLICT DO NOTHING;
  ELSE
    -- The comment arriving (or the score changed); a retry that changes nothing queues nothing.
    INSERT INTO alert_candidates (site_id, response_id)
    SELECT n.site_id, n.id FROM new_rows n JOIN old_rows o ON o.site_id = n.site_id AND o.id = n.id
    WHERE NOT n.test AND (n.comment, n.score) IS DISTINCT FROM (o.comment, o.score)
      AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.site_id = n.site_id)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_alert_candidates_inserted AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_alert_candidates();
--> statement-breakpoint
CREATE TRIGGER responses_alert_candidates_updated AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_alert_candidates();
