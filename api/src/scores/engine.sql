-- The score engine's SQL: how responses, impressions and declines become the score tallies
-- (api/src/scores/README.md names the four steps; this file holds the first two).
--
-- This file is the one home of these functions and this view. Every start applies it after the
-- migrations (api/src/db/sql-definitions.ts), so a change to them is made HERE, never restated in
-- a new migration. Migrations change tables; one that must drop an object defined here (a column
-- the view reads, say) drops it, and the start makes it again. The triggers that call the
-- tenpoint_log_* functions were made by migrations/0005 (and stay: only their functions are here):
--   responses AFTER INSERT, UPDATE, DELETE -> tenpoint_log_inserted/updated/deleted_responses()
--   impressions, declines AFTER INSERT, DELETE -> tenpoint_log_events()
-- Statements are separated by a statement-breakpoint line, as in the migrations.

-- 0. Segments. The one definition (docs/contract.md, "Segments"), used by the fold, the rebuild and
-- every reader (api/src/scores/segments.ts): the segment a response is in along a dimension, or null
-- when it is in none. `total` is the whole survey; `trait:plan` the user trait plan,
-- `trait:account.plan` the account trait plan (so a user trait whose own name begins with
-- `account.` is in no segment). A trait's value is a segment when it is a string, number or
-- boolean of at most 200 characters (maxSegmentValueLength in segments.ts; segments.test.ts checks
-- that both agree).
CREATE OR REPLACE FUNCTION tenpoint_trait_segment(trait jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(trait) IN ('string', 'number', 'boolean') AND char_length(trait #>> '{}') <= 200 THEN trait #>> '{}' END
$$;
--> statement-breakpoint
-- Simple expressions, so that Postgres inlines them into the query that calls them.
CREATE OR REPLACE FUNCTION tenpoint_segment_value(
  dimension text, score integer, account_id text, locale text, user_traits jsonb, account_traits jsonb
)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN dimension = 'total' THEN ''
    WHEN dimension = 'score' THEN score::text
    WHEN dimension = 'account' THEN account_id
    WHEN dimension = 'locale' THEN locale
    WHEN left(dimension, 14) = 'trait:account.' THEN tenpoint_trait_segment(account_traits -> substr(dimension, 15))
    WHEN left(dimension, 6) = 'trait:' THEN tenpoint_trait_segment(user_traits -> substr(dimension, 7))
  END
$$;
--> statement-breakpoint
-- The dimensions a survey's responses are segmented along: score, account, locale and the traits
-- `names` lists (a survey's settings.segmentTraits: the tallies keep only those), each once.
CREATE OR REPLACE FUNCTION tenpoint_segment_dimensions(names jsonb) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT unnest(ARRAY['score', 'account', 'locale'])
  UNION
  SELECT 'trait:' || (name #>> '{}')
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(names) = 'array' THEN names ELSE '[]'::jsonb END) AS name
  WHERE jsonb_typeof(name) = 'string'
$$;
--> statement-breakpoint
-- Every segment a response counts in: its value along each of those dimensions, where it has one.
CREATE OR REPLACE FUNCTION tenpoint_segments(
  score integer, account_id text, locale text, user_traits jsonb, account_traits jsonb, names jsonb
)
RETURNS TABLE (dimension text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT listed.dimension, segment.value
  FROM tenpoint_segment_dimensions(names) AS listed (dimension)
  CROSS JOIN LATERAL (
    SELECT tenpoint_segment_value(listed.dimension, score, account_id, locale, user_traits, account_traits)
  ) AS segment (value)
  WHERE segment.value IS NOT NULL
$$;
--> statement-breakpoint
-- 1. Record a change. Triggers append each change of a response, impression or decline to
-- tally_changes, in the writer's transaction and without touching a shared row, so that
-- concurrent writers never wait for each other. Only a changed score moves a tally (not the
-- comment arriving later); rows of a site being deleted leave nothing to correct (its tallies go
-- with it); responses, impressions and declines recorded in test mode stay out. An impression that
-- starts a round also logs a `shown_user`, for the response rate.
CREATE OR REPLACE FUNCTION tenpoint_log_inserted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
  SELECT site_id, survey_id, 'response', created_at, 1, band, score, account_id, locale, user_traits, account_traits FROM new_rows
  WHERE NOT test;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenpoint_log_updated_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
  SELECT changed.site_id, changed.survey_id, changed.kind, changed.at, changed.sign, changed.band, changed.score, changed.account_id,
    changed.locale, changed.user_traits, changed.account_traits
  FROM old_rows o JOIN new_rows n ON n.site_id = o.site_id AND n.id = o.id
  CROSS JOIN LATERAL (VALUES
    (o.site_id, o.survey_id, 'response', o.created_at, -1, o.band, o.score::int, o.account_id, o.locale, o.user_traits, o.account_traits,
      o.test),
    (n.site_id, n.survey_id, 'response', n.created_at, 1, n.band, n.score::int, n.account_id, n.locale, n.user_traits, n.account_traits,
      n.test)
  ) AS changed (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits, test)
  WHERE (n.score, n.survey_id, n.created_at, n.test) IS DISTINCT FROM (o.score, o.survey_id, o.created_at, o.test) AND NOT changed.test;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenpoint_log_deleted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_changes (site_id, survey_id, kind, at, sign, band, score, account_id, locale, user_traits, account_traits)
  SELECT site_id, survey_id, 'response', created_at, -1, band, score, account_id, locale, user_traits, account_traits FROM old_rows
  WHERE NOT test AND EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenpoint_log_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'impressions' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign)
    SELECT site_id, survey_id, 'impression', shown_at, 1 FROM new_rows WHERE NOT test
    UNION ALL
    SELECT site_id, survey_id, 'shown_user', shown_at, 1 FROM new_rows WHERE starts_round AND NOT test;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign)
    SELECT site_id, survey_id, 'decline', created_at, 1 FROM new_rows WHERE NOT test;
  ELSIF TG_TABLE_NAME = 'impressions' THEN
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign)
    SELECT site_id, survey_id, 'impression', shown_at, -1 FROM old_rows
    WHERE NOT test AND EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id)
    UNION ALL
    SELECT site_id, survey_id, 'shown_user', shown_at, -1 FROM old_rows
    WHERE starts_round AND NOT test AND EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  ELSE
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, -1 FROM old_rows
    WHERE NOT test AND EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Changes not yet folded, as the segments they count in: scores read them with the tallies
-- (api/src/scores/rollup-tallies.ts), in one snapshot.
CREATE OR REPLACE VIEW tally_change_segments AS
  SELECT c.site_id, c.survey_id, seg.dimension, seg.value, c.at, c.band, c.score, c.sign
  FROM tally_changes AS c
  LEFT JOIN surveys AS s ON s.site_id = c.site_id AND s.id = c.survey_id
  CROSS JOIN LATERAL
    tenpoint_segments(c.score, c.account_id, c.locale, c.user_traits, c.account_traits, s.settings -> 'segmentTraits') AS seg
  WHERE c.kind = 'response';
--> statement-breakpoint
-- The latest response of a segment between two UTC days, from the responses themselves.
CREATE OR REPLACE FUNCTION tenpoint_last_answer(site uuid, survey uuid, dimension text, value text, first_day date, end_day date)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT max(r.created_at) FROM responses r
  WHERE r.site_id = site AND r.survey_id = survey AND NOT r.test
    AND r.created_at >= first_day::timestamp AT TIME ZONE 'UTC' AND r.created_at < end_day::timestamp AT TIME ZONE 'UTC'
    AND tenpoint_segment_value(dimension, r.score, r.account_id, r.locale, r.user_traits, r.account_traits) = value
$$;
--> statement-breakpoint
-- 2. Fold changes into tallies. Adds up to `max_rows` logged changes to hourly_tallies,
-- daily_tallies and weekly_tallies and removes them, in one transaction; the advisory lock lets one
-- folder run at a time, so tally rows are never contended. Answers how many changes it folded (0
-- when another folder holds the lock). A segment row left with nothing in it (every response that
-- made it erased or changed) is removed, so no value outlives its responses. The API calls it every
-- second (api/src/scores/tally-folder.ts). Its cost is per tally row touched and per segment of a
-- change; work_mem lets a batch aggregate in memory rather than spill (one folder at a time).
CREATE OR REPLACE FUNCTION tenpoint_fold_tallies(max_rows integer) RETURNS integer LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('tenpoint_fold_tallies')) THEN
    RETURN 0;
  END IF;
  CREATE TEMP TABLE IF NOT EXISTS folding (LIKE tally_changes) ON COMMIT DELETE ROWS;
  WITH taken AS (
    DELETE FROM tally_changes WHERE ctid = ANY (ARRAY(SELECT ctid FROM tally_changes LIMIT max_rows)) RETURNING *
  )
  INSERT INTO folding SELECT * FROM taken;
  GET DIAGNOSTICS folded = ROW_COUNT;
  IF folded = 0 THEN
    RETURN 0;
  END IF;
  -- A site deleted before its changes were folded took its tallies with it: its changes count
  -- nowhere (adding them would break the tallies' foreign key and fail every fold after).
  DELETE FROM folding AS f WHERE NOT EXISTS (SELECT 1 FROM sites WHERE sites.id = f.site_id);
  -- With its statistics, the planner aggregates a batch of any size in one hash table.
  ANALYZE folding;

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

  -- Each connection keeps this temporary table once made: a change of its columns needs a new name
  -- (it was folded_days, then day_segments).
  CREATE TEMP TABLE IF NOT EXISTS folded_segments (
    site_id uuid, survey_id uuid, dimension text, value text, day date, low integer, middle integer, high integer,
    sum bigint, sum_of_squares bigint, impressions integer, shown_users integer, declines integer, last_answer_at timestamptz
  ) ON COMMIT DELETE ROWS;
  INSERT INTO folded_segments
  -- Each survey's dimensions once per batch, not once per change.
  WITH dims AS MATERIALIZED (
    SELECT batch.site_id, batch.survey_id, listed.dimension
    FROM (SELECT DISTINCT site_id, survey_id FROM folding WHERE kind = 'response') AS batch
    LEFT JOIN surveys AS s ON s.site_id = batch.site_id AND s.id = batch.survey_id
    CROSS JOIN LATERAL tenpoint_segment_dimensions(s.settings -> 'segmentTraits') AS listed (dimension)
  )
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
  SELECT f.site_id, f.survey_id, seg.dimension, seg.value, (f.at AT TIME ZONE 'UTC')::date,
    coalesce(sum(f.sign) FILTER (WHERE f.band = 'low'), 0), coalesce(sum(f.sign) FILTER (WHERE f.band = 'middle'), 0),
    coalesce(sum(f.sign) FILTER (WHERE f.band = 'high'), 0), sum(f.sign * f.score), sum(f.sign * f.score * f.score), 0, 0, 0,
    max(f.at) FILTER (WHERE f.sign > 0)
  FROM folding AS f
  JOIN dims ON dims.site_id = f.site_id AND dims.survey_id = f.survey_id
  CROSS JOIN LATERAL (
    SELECT dims.dimension, tenpoint_segment_value(dims.dimension, f.score, f.account_id, f.locale, f.user_traits, f.account_traits)
  ) AS seg (dimension, value)
  WHERE f.kind = 'response' AND seg.value IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO daily_tallies AS t (
    site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at
  )
  SELECT * FROM folded_segments ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  INSERT INTO weekly_tallies AS t (
    site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at
  )
  SELECT site_id, survey_id, dimension, value, date_trunc('week', day)::date, sum(low), sum(middle), sum(high), sum(sum),
    sum(sum_of_squares), sum(impressions), sum(shown_users), sum(declines), max(last_answer_at)
  FROM folded_segments GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  -- Only a removal (an erased or changed response, impression or decline) can empty a tally row or
  -- take its last response away: a batch of additions alone is done.
  IF NOT EXISTS (SELECT 1 FROM folding WHERE sign < 0) THEN
    RETURN folded;
  END IF;
  DELETE FROM daily_tallies AS t USING (SELECT DISTINCT site_id, survey_id, dimension, value, day FROM folded_segments) AS touched
  WHERE t.site_id = touched.site_id AND t.survey_id = touched.survey_id AND t.dimension = touched.dimension AND t.value = touched.value
    AND t.day = touched.day
    AND (t.low, t.middle, t.high, t.sum, t.sum_of_squares, t.impressions, t.shown_users, t.declines) = (0, 0, 0, 0, 0, 0, 0, 0);
  DELETE FROM weekly_tallies AS t
  USING (SELECT DISTINCT site_id, survey_id, dimension, value, date_trunc('week', day)::date AS day FROM folded_segments) AS touched
  WHERE t.site_id = touched.site_id AND t.survey_id = touched.survey_id AND t.dimension = touched.dimension AND t.value = touched.value
    AND t.day = touched.day
    AND (t.low, t.middle, t.high, t.sum, t.sum_of_squares, t.impressions, t.shown_users, t.declines) = (0, 0, 0, 0, 0, 0, 0, 0);

  -- A segment's last response may have been among those removed: read it again from the responses left.
  UPDATE daily_tallies AS t SET last_answer_at = tenpoint_last_answer(t.site_id, t.survey_id, t.dimension, t.value, t.day, t.day + 1)
  FROM (
    SELECT site_id, survey_id, (at AT TIME ZONE 'UTC')::date AS day, max(at) AS at
    FROM folding WHERE kind = 'response' AND sign < 0 GROUP BY 1, 2, 3
  ) AS gone
  WHERE t.site_id = gone.site_id AND t.survey_id = gone.survey_id AND t.day = gone.day AND t.last_answer_at <= gone.at;
  UPDATE weekly_tallies AS t SET last_answer_at = tenpoint_last_answer(t.site_id, t.survey_id, t.dimension, t.value, t.day, t.day + 7)
  FROM (
    SELECT site_id, survey_id, date_trunc('week', at AT TIME ZONE 'UTC')::date AS day, max(at) AS at
    FROM folding WHERE kind = 'response' AND sign < 0 GROUP BY 1, 2, 3
  ) AS gone
  WHERE t.site_id = gone.site_id AND t.survey_id = gone.survey_id AND t.day = gone.day AND t.last_answer_at <= gone.at;
  RETURN folded;
END $$;
--> statement-breakpoint
-- A survey's trait segments made again from its responses, after its segmentTraits changed: the
-- responses less the changes still waiting in the log, which the next fold adds. Holds the folding
-- lock, so that no fold runs in between.
CREATE OR REPLACE FUNCTION tenpoint_rebuild_trait_segments(site uuid, survey uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  names jsonb := (SELECT settings -> 'segmentTraits' FROM surveys WHERE site_id = site AND id = survey);
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('tenpoint_fold_tallies'));
  DELETE FROM daily_tallies WHERE site_id = site AND survey_id = survey AND dimension LIKE 'trait:%';
  DELETE FROM weekly_tallies WHERE site_id = site AND survey_id = survey AND dimension LIKE 'trait:%';
  INSERT INTO daily_tallies (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, last_answer_at)
  SELECT site, survey, seg.dimension, seg.value, (scored.at AT TIME ZONE 'UTC')::date,
    coalesce(sum(scored.sign) FILTER (WHERE scored.band = 'low'), 0),
    coalesce(sum(scored.sign) FILTER (WHERE scored.band = 'middle'), 0),
    coalesce(sum(scored.sign) FILTER (WHERE scored.band = 'high'), 0), sum(scored.sign * scored.score),
    sum(scored.sign * scored.score * scored.score), max(scored.at) FILTER (WHERE scored.stored)
  FROM (
    SELECT created_at AS at, band, score::int AS score, 1 AS sign, user_traits, account_traits, true AS stored
    FROM responses WHERE site_id = site AND survey_id = survey AND NOT test
    UNION ALL
    SELECT at, band, score, -sign, user_traits, account_traits, false
    FROM tally_changes WHERE site_id = site AND survey_id = survey AND kind = 'response'
  ) AS scored
  CROSS JOIN LATERAL tenpoint_segments(scored.score, null, null, scored.user_traits, scored.account_traits, names) AS seg
  WHERE seg.dimension LIKE 'trait:%'
  GROUP BY 3, 4, 5
  HAVING count(*) FILTER (WHERE scored.stored) > 0 OR sum(scored.sign) <> 0 OR sum(scored.sign * scored.score) <> 0;
  INSERT INTO weekly_tallies (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, last_answer_at)
  SELECT site_id, survey_id, dimension, value, date_trunc('week', day)::date, sum(low), sum(middle), sum(high), sum(sum),
    sum(sum_of_squares), max(last_answer_at)
  FROM daily_tallies WHERE site_id = site AND survey_id = survey AND dimension LIKE 'trait:%'
  GROUP BY 1, 2, 3, 4, 5;
END $$;;
