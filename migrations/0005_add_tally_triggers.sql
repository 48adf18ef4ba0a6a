-- Keeps hourly_tallies and daily_tallies equal to what the responses, impressions and declines
-- tables say. Triggers append each change to tally_changes, in the writer's transaction and
-- without touching a shared row, so that concurrent writers never wait for each other;
-- tenpoint_fold_tallies() adds them to the tallies, one folder at a time.

CREATE FUNCTION tenpoint_log_inserted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
  SELECT site_id, survey_id, 'response', created_at, 1, band, score, account_id, locale, user_traits, account_traits FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Only a changed score moves a tally: the comment arriving later does not.
CREATE FUNCTION tenpoint_log_updated_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
  SELECT changed.* FROM old_rows o JOIN new_rows n ON n.site_id = o.site_id AND n.id = o.id
  CROSS JOIN LATERAL (VALUES
    (o.site_id, o.survey_id, 'response', o.created_at, -1, o.band, o.score::int, o.account_id, o.locale, o.user_traits, o.account_traits),
    (n.site_id, n.survey_id, 'response', n.created_at, 1, n.band, n.score::int, n.account_id, n.locale, n.user_traits, n.account_traits)
  ) AS changed
  WHERE (n.score, n.survey_id, n.created_at) IS DISTINCT FROM (o.score, o.survey_id, o.created_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Rows of a site being deleted leave nothing to correct: its tallies go with it.
CREATE FUNCTION tenpoint_log_deleted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
  SELECT site_id, survey_id, 'response', created_at, -1, band, score, account_id, locale, user_traits, account_traits FROM old_rows
  WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION tenpoint_log_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'impressions' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'impression', shown_at, 1 FROM new_rows;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, 1 FROM new_rows;
  ELSIF TG_TABLE_NAME = 'impressions' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'impression', shown_at, -1 FROM old_rows
    WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  ELSE
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, -1 FROM old_rows
    WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_log_inserted AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_inserted_responses();
--> statement-breakpoint
CREATE TRIGGER responses_log_updated AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_updated_responses();
--> statement-breakpoint
CREATE TRIGGER responses_log_deleted AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_deleted_responses();
--> statement-breakpoint
CREATE TRIGGER impressions_log_inserted AFTER INSERT ON impressions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_events();
--> statement-breakpoint
CREATE TRIGGER impressions_log_deleted AFTER DELETE ON impressions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_events();
--> statement-breakpoint
CREATE TRIGGER declines_log_inserted AFTER INSERT ON declines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_events();
--> statement-breakpoint
CREATE TRIGGER declines_log_deleted AFTER DELETE ON declines REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_log_events();
--> statement-breakpoint
-- Each response change as the segments it counts in: its score (for the distribution), its account, its locale, and each of its
-- user and account traits whose value is a string, number or boolean.
CREATE VIEW tally_change_segments AS
  SELECT site_id, survey_id, 'score' AS dimension, score::text AS value, at, band, score, sign
  FROM tally_changes WHERE kind = 'response'
  UNION ALL
  SELECT site_id, survey_id, 'account', account_id, at, band, score, sign
  FROM tally_changes WHERE kind = 'response' AND account_id IS NOT NULL
  UNION ALL
  SELECT site_id, survey_id, 'locale', locale, at, band, score, sign
  FROM tally_changes WHERE kind = 'response' AND locale IS NOT NULL
  UNION ALL
  SELECT site_id, survey_id, 'trait:' || trait.key, left(trait.value #>> '{}', 200), at, band, score, sign
  FROM tally_changes, jsonb_each(user_traits) AS trait
  WHERE kind = 'response' AND jsonb_typeof(trait.value) IN ('string', 'number', 'boolean')
  UNION ALL
  SELECT site_id, survey_id, 'trait:account.' || trait.key, left(trait.value #>> '{}', 200), at, band, score, sign
  FROM tally_changes, jsonb_each(account_traits) AS trait
  WHERE kind = 'response' AND jsonb_typeof(trait.value) IN ('string', 'number', 'boolean');
--> statement-breakpoint
-- The latest answer of a segment between two UTC days, from the answers themselves.
CREATE FUNCTION tenpoint_last_answer(site uuid, survey uuid, dimension text, value text, first_day date, end_day date)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT max(r.created_at) FROM responses r
  WHERE r.site_id = site AND r.survey_id = survey
    AND r.created_at >= first_day::timestamp AT TIME ZONE 'UTC' AND r.created_at < end_day::timestamp AT TIME ZONE 'UTC'
    AND CASE
      WHEN dimension = 'total' THEN true
      WHEN dimension = 'score' THEN r.score::text = value
      WHEN dimension = 'account' THEN r.account_id = value
      WHEN dimension = 'locale' THEN r.locale = value
      WHEN dimension LIKE 'trait:account.%' THEN r.account_traits ->> substr(dimension, 15) = value
      ELSE r.user_traits ->> substr(dimension, 7) = value
    END
$$;
--> statement-breakpoint
-- Adds up to `max_rows` logged changes to the tallies and removes them, in one transaction; the
-- advisory lock lets one folder run at a time, so tally rows are never contended. Answers how
-- many changes it folded (0 when another folder holds the lock).
CREATE FUNCTION tenpoint_fold_tallies(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('tenpoint_fold_tallies')) THEN
    RETURN 0;
  END IF;
  CREATE TEMP TABLE IF NOT EXISTS folding (LIKE tally_changes) ON COMMIT DELETE ROWS;
  WITH taken AS (
    DELETE FROM tally_changes WHERE ctid IN (SELECT ctid FROM tally_changes LIMIT max_rows) RETURNING *
  )
  INSERT INTO folding SELECT * FROM taken;
  GET DIAGNOSTICS folded = ROW_COUNT;
  IF folded = 0 THEN
    RETURN 0;
  END IF;

  INSERT INTO hourly_tallies AS t (site_id, survey_id, hour, low, middle, high, sum, sum_of_squares, impressions, declines)
  SELECT site_id, survey_id, date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'low'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'high'), 0),
    coalesce(sum(sign * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign * score * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'impression'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'decline'), 0)
  FROM folding GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (site_id, survey_id, hour) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, declines = t.declines + excluded.declines;

  -- Per UTC day and segment, once: the daily and the weekly tallies are both sums of these. The
  -- `total` segment is the whole survey, with its showings and dismissals.
  CREATE TEMP TABLE IF NOT EXISTS folded_days (
    site_id uuid, survey_id uuid, dimension text, value text, day date, low integer, middle integer, high integer,
    sum bigint, sum_of_squares bigint, impressions integer, declines integer, last_answer_at timestamptz
  ) ON COMMIT DELETE ROWS;
  INSERT INTO folded_days
  SELECT site_id, survey_id, 'total', '', (at AT TIME ZONE 'UTC')::date,
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'low'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'high'), 0),
    coalesce(sum(sign * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign * score * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'impression'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'decline'), 0),
    max(at) FILTER (WHERE kind = 'response' AND sign > 0)
  FROM folding GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT site_id, survey_id, left(dimension, 200), value, (at AT TIME ZONE 'UTC')::date,
    coalesce(sum(sign) FILTER (WHERE band = 'low'), 0), coalesce(sum(sign) FILTER (WHERE band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE band = 'high'), 0), sum(sign * score), sum(sign * score * score), 0, 0,
    max(at) FILTER (WHERE sign > 0)
  FROM (
    SELECT site_id, survey_id, 'score' AS dimension, score::text AS value, at, band, score, sign FROM folding WHERE kind = 'response'
    UNION ALL
    SELECT site_id, survey_id, 'account', account_id, at, band, score, sign FROM folding WHERE kind = 'response' AND account_id IS NOT NULL
    UNION ALL
    SELECT site_id, survey_id, 'locale', locale, at, band, score, sign FROM folding WHERE kind = 'response' AND locale IS NOT NULL
    UNION ALL
    SELECT site_id, survey_id, 'trait:' || trait.key, left(trait.value #>> '{}', 200), at, band, score, sign
    FROM folding, jsonb_each(user_traits) AS trait WHERE kind = 'response' AND jsonb_typeof(trait.value) IN ('string', 'number', 'boolean')
    UNION ALL
    SELECT site_id, survey_id, 'trait:account.' || trait.key, left(trait.value #>> '{}', 200), at, band, score, sign
    FROM folding, jsonb_each(account_traits) AS trait WHERE kind = 'response' AND jsonb_typeof(trait.value) IN ('string', 'number', 'boolean')
  ) AS segments
  GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO daily_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, declines, last_answer_at)
  SELECT * FROM folded_days ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  INSERT INTO weekly_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, declines, last_answer_at)
  SELECT site_id, survey_id, dimension, value, date_trunc('week', day)::date, sum(low), sum(middle), sum(high), sum(sum),
    sum(sum_of_squares), sum(impressions), sum(declines), max(last_answer_at)
  FROM folded_days GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  -- A segment's last answer may have been among those removed: read it again from the answers left.
  UPDATE daily_tallies AS t SET last_answer_at = tenpoint_last_answer(t.site_id, t.survey_id, t.dimension, t.value, t.day, t.day + 1)
  FROM (SELECT site_id, survey_id, (at AT TIME ZONE 'UTC')::date AS day, max(at) AS at FROM folding WHERE kind = 'response' AND sign < 0 GROUP BY 1, 2, 3) AS gone
  WHERE t.site_id = gone.site_id AND t.survey_id = gone.survey_id AND t.day = gone.day AND t.last_answer_at <= gone.at;
  UPDATE weekly_tallies AS t SET last_answer_at = tenpoint_last_answer(t.site_id, t.survey_id, t.dimension, t.value, t.day, t.day + 7)
  FROM (SELECT site_id, survey_id, date_trunc('week', at AT TIME ZONE 'UTC')::date AS day, max(at) AS at FROM folding WHERE kind = 'response' AND sign < 0 GROUP BY 1, 2, 3) AS gone
  WHERE t.site_id = gone.site_id AND t.survey_id = gone.survey_id AND t.day = gone.day AND t.last_answer_at <= gone.at;
  RETURN folded;
END $$;
--> statement-breakpoint
-- What was stored before the tallies existed.
INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
SELECT site_id, survey_id, 'response', created_at, 1, band, score, account_id, locale, user_traits, account_traits FROM responses;
--> statement-breakpoint
INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'impression', shown_at, 1 FROM impressions;
--> statement-breakpoint
INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, 1 FROM declines;
--> statement-breakpoint
-- Groups over a range (by account, by plan…) read these indexes alone, never the tables.
CREATE INDEX daily_tallies_by_day_idx ON daily_tallies (site_id, survey_id, dimension, day)
  INCLUDE (value, low, middle, high, sum, sum_of_squares, impressions, declines, last_answer_at);
--> statement-breakpoint
CREATE INDEX weekly_tallies_by_day_idx ON weekly_tallies (site_id, survey_id, dimension, day)
  INCLUDE (value, low, middle, high, sum, sum_of_squares, impressions, declines, last_answer_at);
