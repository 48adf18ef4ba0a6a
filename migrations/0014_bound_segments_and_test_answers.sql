ALTER TABLE "impressions" ADD COLUMN "test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "declines" ADD COLUMN "test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The one definition of a segment (api/src/scores/segments.ts says the same in TypeScript): an
-- answer's score, account and locale, and those of its traits that the survey lists in
-- settings.segmentTraits (`plan` a user trait, `account.plan` an account trait; a user trait whose
-- own name begins with `account.` is in none), with a string, number or boolean value of at most
-- 200 characters.
CREATE FUNCTION tenpoint_segments(score integer, account_id text, locale text, user_traits jsonb, account_traits jsonb, names jsonb)
RETURNS TABLE (dimension text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'score', score::text
  UNION ALL
  SELECT 'account', account_id WHERE account_id IS NOT NULL
  UNION ALL
  SELECT 'locale', locale WHERE locale IS NOT NULL
  UNION ALL
  SELECT 'trait:' || t.key, t.value #>> '{}' FROM jsonb_each(coalesce(user_traits, '{}'::jsonb)) AS t
  WHERE left(t.key, 8) <> 'account.' AND coalesce(names, '[]'::jsonb) ? t.key
    AND jsonb_typeof(t.value) IN ('string', 'number', 'boolean') AND char_length(t.value #>> '{}') <= 200
  UNION ALL
  SELECT 'trait:account.' || t.key, t.value #>> '{}' FROM jsonb_each(coalesce(account_traits, '{}'::jsonb)) AS t
  WHERE coalesce(names, '[]'::jsonb) ? ('account.' || t.key)
    AND jsonb_typeof(t.value) IN ('string', 'number', 'boolean') AND char_length(t.value #>> '{}') <= 200
$$;
--> statement-breakpoint
-- Traits merged into what is stored, within limits: while the whole fits, everything is kept;
-- otherwise the keys already stored take their new values first, then new keys in name order,
-- while there is room. The caller tells what did not fit (api/src/users/trait-limits.ts).
CREATE FUNCTION tenpoint_merge_traits(stored jsonb, given jsonb, max_keys integer, max_bytes integer) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  merged jsonb := coalesce(stored, '{}'::jsonb) || coalesce(given, '{}'::jsonb);
  candidate jsonb;
  item record;
  keys integer;
BEGIN
  IF (SELECT count(*) FROM jsonb_object_keys(merged)) <= max_keys AND octet_length(merged::text) <= max_bytes THEN
    RETURN merged;
  END IF;
  merged := coalesce(stored, '{}'::jsonb);
  keys := (SELECT count(*) FROM jsonb_object_keys(merged));
  FOR item IN SELECT g.key, g.value, merged ? g.key AS known FROM jsonb_each(coalesce(given, '{}'::jsonb)) AS g ORDER BY 3 DESC, 1 LOOP
    CONTINUE WHEN NOT item.known AND keys >= max_keys;
    candidate := merged || jsonb_build_object(item.key, item.value);
    CONTINUE WHEN octet_length(candidate::text) > max_bytes;
    merged := candidate;
    IF NOT item.known THEN
      keys := keys + 1;
    END IF;
  END LOOP;
  RETURN merged;
END $$;
--> statement-breakpoint
-- Answers, showings and dismissals recorded in test mode stay out of the tallies.
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
    (o.site_id, o.survey_id, 'response', o.created_at, -1, o.band, o.score::int, o.account_id, o.locale, o.user_traits, o.account_traits, o.test),
    (n.site_id, n.survey_id, 'response', n.created_at, 1, n.band, n.score::int, n.account_id, n.locale, n.user_traits, n.account_traits, n.test)
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
    INSERT INTO tally_changes (site_id, survey_id, kind, at, sign) SELECT site_id, survey_id, 'decline', created_at, 1 FROM new_rows WHERE NOT test;
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
-- Nor do they reach a webhook.
CREATE OR REPLACE FUNCTION tenpoint_webhooks_for_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most sites have no subscription: nothing to build then.
  IF NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id IN (SELECT DISTINCT site_id FROM new_rows)) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM tenpoint_queue_webhooks('response.created', 'response', (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE NOT n.test));
  ELSE
    -- The comment arriving, or the score changed: a retry that changes nothing sends nothing.
    PERFORM tenpoint_queue_webhooks('response.updated', 'response', (
      SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n JOIN old_rows o ON o.site_id = n.site_id AND o.id = n.id
      WHERE (n.comment, n.score) IS DISTINCT FROM (o.comment, o.score) AND NOT n.test));
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
--> statement-breakpoint
-- Changes not yet folded, as the segments they count in.
CREATE OR REPLACE VIEW tally_change_segments AS
  SELECT c.site_id, c.survey_id, seg.dimension, seg.value, c.at, c.band, c.score, c.sign
  FROM tally_changes AS c
  LEFT JOIN surveys AS s ON s.site_id = c.site_id AND s.id = c.survey_id
  CROSS JOIN LATERAL tenpoint_segments(c.score, c.account_id, c.locale, c.user_traits, c.account_traits, s.settings -> 'segmentTraits') AS seg
  WHERE c.kind = 'response';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenpoint_last_answer(site uuid, survey uuid, dimension text, value text, first_day date, end_day date)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT max(r.created_at) FROM responses r
  WHERE r.site_id = site AND r.survey_id = survey AND NOT r.test
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
-- As in 0009, with the segments of tenpoint_segments(); a segment row left with nothing in it
-- (every answer that made it erased or changed) is removed, so no value outlives its answers.
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

  -- A new name again: connections that folded before keep the old temporary table.
  CREATE TEMP TABLE IF NOT EXISTS folded_segments (
    site_id uuid, survey_id uuid, dimension text, value text, day date, low integer, middle integer, high integer,
    sum bigint, sum_of_squares bigint, impressions integer, shown_users integer, declines integer, last_answer_at timestamptz
  ) ON COMMIT DELETE ROWS;
  INSERT INTO folded_segments
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
  LEFT JOIN surveys AS s ON s.site_id = f.site_id AND s.id = f.survey_id
  CROSS JOIN LATERAL tenpoint_segments(f.score, f.account_id, f.locale, f.user_traits, f.account_traits, s.settings -> 'segmentTraits') AS seg
  WHERE f.kind = 'response'
  GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO daily_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at)
  SELECT * FROM folded_segments ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  INSERT INTO weekly_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, impressions, shown_users, declines, last_answer_at)
  SELECT site_id, survey_id, dimension, value, date_trunc('week', day)::date, sum(low), sum(middle), sum(high), sum(sum),
    sum(sum_of_squares), sum(impressions), sum(shown_users), sum(declines), max(last_answer_at)
  FROM folded_segments GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    impressions = t.impressions + excluded.impressions, shown_users = t.shown_users + excluded.shown_users,
    declines = t.declines + excluded.declines,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  DELETE FROM daily_tallies AS t USING (SELECT DISTINCT site_id, survey_id, dimension, value, day FROM folded_segments) AS touched
  WHERE t.site_id = touched.site_id AND t.survey_id = touched.survey_id AND t.dimension = touched.dimension AND t.value = touched.value
    AND t.day = touched.day AND (t.low, t.middle, t.high, t.sum, t.sum_of_squares, t.impressions, t.shown_users, t.declines) = (0, 0, 0, 0, 0, 0, 0, 0);
  DELETE FROM weekly_tallies AS t USING (SELECT DISTINCT site_id, survey_id, dimension, value, date_trunc('week', day)::date AS day FROM folded_segments) AS touched
  WHERE t.site_id = touched.site_id AND t.survey_id = touched.survey_id AND t.dimension = touched.dimension AND t.value = touched.value
    AND t.day = touched.day AND (t.low, t.middle, t.high, t.sum, t.sum_of_squares, t.impressions, t.shown_users, t.declines) = (0, 0, 0, 0, 0, 0, 0, 0);

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
-- A survey's trait segments made again from its answers, after its segmentTraits changed: the
-- answers less the changes still waiting in the log, which the next fold adds. Holds the folding
-- lock, so that no fold runs in between.
CREATE FUNCTION tenpoint_rebuild_trait_segments(site uuid, survey uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  names jsonb := (SELECT settings -> 'segmentTraits' FROM surveys WHERE site_id = site AND id = survey);
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('tenpoint_fold_tallies'));
  DELETE FROM daily_tallies WHERE site_id = site AND survey_id = survey AND dimension LIKE 'trait:%';
  DELETE FROM weekly_tallies WHERE site_id = site AND survey_id = survey AND dimension LIKE 'trait:%';
  INSERT INTO daily_tallies (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, last_answer_at)
  SELECT site, survey, seg.dimension, seg.value, (answers.at AT TIME ZONE 'UTC')::date,
    coalesce(sum(answers.sign) FILTER (WHERE answers.band = 'low'), 0), coalesce(sum(answers.sign) FILTER (WHERE answers.band = 'middle'), 0),
    coalesce(sum(answers.sign) FILTER (WHERE answers.band = 'high'), 0), sum(answers.sign * answers.score),
    sum(answers.sign * answers.score * answers.score), max(answers.at) FILTER (WHERE answers.stored)
  FROM (
    SELECT created_at AS at, band, score::int AS score, 1 AS sign, user_traits, account_traits, true AS stored
    FROM responses WHERE site_id = site AND survey_id = survey AND NOT test
    UNION ALL
    SELECT at, band, score, -sign, user_traits, account_traits, false
    FROM tally_changes WHERE site_id = site AND survey_id = survey AND kind = 'response'
  ) AS answers
  CROSS JOIN LATERAL tenpoint_segments(answers.score, null, null, answers.user_traits, answers.account_traits, names) AS seg
  WHERE seg.dimension LIKE 'trait:%'
  GROUP BY 3, 4, 5
  HAVING count(*) FILTER (WHERE answers.stored) > 0 OR sum(answers.sign) <> 0 OR sum(answers.sign * answers.score) <> 0;
  INSERT INTO weekly_tallies (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, last_answer_at)
  SELECT site_id, survey_id, dimension, value, date_trunc('week', day)::date, sum(low), sum(middle), sum(high), sum(sum), sum(sum_of_squares), max(last_answer_at)
  FROM daily_tallies WHERE site_id = site AND survey_id = survey AND dimension LIKE 'trait:%'
  GROUP BY 1, 2, 3, 4, 5;
END $$;
--> statement-breakpoint
-- Surveys stored before keep the traits they were most likely grouped by as segments, the
-- default of settings.segmentTraits; the trait segments of every survey follow the new rule.
UPDATE surveys SET settings = settings || '{"segmentTraits": ["plan", "role", "account.plan", "account.tier"]}'::jsonb
WHERE NOT settings ? 'segmentTraits';
--> statement-breakpoint
SELECT tenpoint_rebuild_trait_segments(site_id, id) FROM surveys;
--> statement-breakpoint
-- Users and accounts that grew past 100 trait keys keep the first 100 by name.
UPDATE users SET traits = (SELECT jsonb_object_agg(key, value) FROM (SELECT key, value FROM jsonb_each(users.traits) ORDER BY key LIMIT 100) AS kept)
WHERE (SELECT count(*) FROM jsonb_object_keys(users.traits)) > 100;
--> statement-breakpoint
UPDATE accounts SET traits = (SELECT jsonb_object_agg(key, value) FROM (SELECT key, value FROM jsonb_each(accounts.traits) ORDER BY key LIMIT 100) AS kept)
WHERE (SELECT count(*) FROM jsonb_object_keys(accounts.traits)) > 100;
