-- The response rate counts people, not showings: an impression that starts a round (the first
-- since the user's last answer or dismissal) also logs a `shown_user` change, tallied as shown_users.

CREATE OR REPLACE FUNCTION tenpoint_log_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'impressions' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign)
    SELECT site_id, survey_id, 'impression', shown_at, 1 FROM new_rows
    UNION ALL
    SELECT site_id, survey_id, 'shown_user', shown_at, 1 FROM new_rows WHERE starts_round;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, 1 FROM new_rows;
  ELSIF TG_TABLE_NAME = 'impressions' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign)
    SELECT site_id, survey_id, 'impression', shown_at, -1 FROM old_rows
    WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id)
    UNION ALL
    SELECT site_id, survey_id, 'shown_user', shown_at, -1 FROM old_rows
    WHERE starts_round AND EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  ELSE
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, -1 FROM old_rows
    WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Adds up to `max_rows` logged changes to the tallies and removes them, in one transaction; the
-- advisory lock lets one folder run at a time, so tally rows are never contended. Answers how
-- many changes it folded (0 when another folder holds the lock).
CREATE OR REPLACE FUNCTION tenpoint_fold_tallies(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
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

  INSERT INTO hourly_tallies AS t (site_id, survey_id, hour, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines)
  SELECT site_id, survey_id, date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'low'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'high'), 0),
    coalesce(sum(sign * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign * score * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'impression'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'shown_user'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'decline'), 0)
  FROM folding GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (site_id, survey_id, hour) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines;

  -- Per UTC day and segment, once: the daily and the weekly tallies are both sums of these. The
  -- `total` segment is the whole survey, with its showings, people shown and dismissals. (A new
  -- name: connections that folded before this migration keep the old table, without shown_users.)
  CREATE TEMP TABLE IF NOT EXISTS day_segments (
    site_id uuid, survey_id uuid, dimension text, value text, day date, low integer, middle integer, high integer,
    sum bigint, sum_of_squares bigint, impressions integer, shown_users integer, declines integer, last_answer_at timestamptz
  ) ON COMMIT DELETE ROWS;
  INSERT INTO day_segments
  SELECT site_id, survey_id, 'total', '', (at AT TIME ZONE 'UTC')::date,
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'low'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'response' AND band = 'high'), 0),
    coalesce(sum(sign * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign * score * score) FILTER (WHERE kind = 'response'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'impression'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'shown_user'), 0),
    coalesce(sum(sign) FILTER (WHERE kind = 'decline'), 0),
    max(at) FILTER (WHERE kind = 'response' AND sign > 0)
  FROM folding GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT site_id, survey_id, left(dimension, 200), value, (at AT TIME ZONE 'UTC')::date,
    coalesce(sum(sign) FILTER (WHERE band = 'low'), 0), coalesce(sum(sign) FILTER (WHERE band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE band = 'high'), 0), sum(sign * score), sum(sign * score * score), 0, 0, 0,
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

  INSERT INTO daily_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at)
  SELECT * FROM day_segments ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  INSERT INTO weekly_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at)
  SELECT site_id, survey_id, dimension, value, date_trunc('week', day)::date, sum(low), sum(middle), sum(high), sum(sum),
    sum(sum_of_squares), sum(impressions), sum(shown_users), sum(declines), max(last_answer_at)
  FROM day_segments GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines,
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
-- Showings stored before: one starts a round unless an earlier showing had no answer or dismissal since.
UPDATE impressions AS i SET starts_round = false
WHERE EXISTS (
  SELECT 1 FROM impressions AS p
  WHERE p.site_id = i.site_id AND p.user_id = i.user_id AND p.survey_id = i.survey_id AND p.shown_at < i.shown_at
    AND NOT EXISTS (SELECT 1 FROM responses AS r WHERE r.site_id = i.site_id AND r.user_id = i.user_id AND r.survey_id = i.survey_id
      AND r.created_at >= p.shown_at AND r.created_at <= i.shown_at)
    AND NOT EXISTS (SELECT 1 FROM declines AS d WHERE d.site_id = i.site_id AND d.user_id = i.user_id AND d.survey_id = i.survey_id
      AND d.created_at >= p.shown_at AND d.created_at <= i.shown_at)
);
--> statement-breakpoint
INSERT INTO tally_changes (site_id, survey_id, kind, at, sign)
SELECT site_id, survey_id, 'shown_user', shown_at, 1 FROM impressions WHERE starts_round;
--> statement-breakpoint
DROP INDEX daily_tallies_by_day_idx;
--> statement-breakpoint
DROP INDEX weekly_tallies_by_day_idx;
--> statement-breakpoint
CREATE INDEX daily_tallies_by_day_idx ON daily_tallies (site_id, survey_id, dimension, day)
  INCLUDE (value, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at);
--> statement-breakpoint
CREATE INDEX weekly_tallies_by_day_idx ON weekly_tallies (site_id, survey_id, dimension, day)
  INCLUDE (value, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at);
