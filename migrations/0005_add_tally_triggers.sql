-- Keeps hourly_tallies and daily_tallies equal to what the responses, impressions and declines
-- tables say: statement triggers see every changed row (transition tables) and add one aggregated
-- delta per tally row, in key order so that concurrent writers never deadlock.

-- `changes`: rows of {site_id, survey_id, created_at, account_id, locale, user_traits, account_traits, band, score, sign}.
CREATE FUNCTION tenpoint_add_response_tallies(changes jsonb) RETURNS void LANGUAGE sql AS $$
  WITH c AS (
    SELECT * FROM jsonb_to_recordset(changes) AS x(
      site_id uuid, survey_id uuid, created_at timestamptz, account_id text, locale text,
      user_traits jsonb, account_traits jsonb, band text, score integer, sign integer)
  ),
  hourly AS (
    INSERT INTO hourly_tallies AS t (site_id, survey_id, hour, low, middle, high, sum, sum_of_squares)
    SELECT site_id, survey_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
      coalesce(sum(sign) FILTER (WHERE band = 'low'), 0), coalesce(sum(sign) FILTER (WHERE band = 'middle'), 0),
      coalesce(sum(sign) FILTER (WHERE band = 'high'), 0), sum(sign * score), sum(sign * score * score)
    FROM c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (site_id, survey_id, hour) DO UPDATE SET
      low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
      sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares
  ),
  segments AS (
    SELECT site_id, survey_id, 'account' AS dimension, account_id AS value, created_at, band, score, sign FROM c WHERE account_id IS NOT NULL
    UNION ALL
    SELECT site_id, survey_id, 'locale', locale, created_at, band, score, sign FROM c WHERE locale IS NOT NULL
    UNION ALL
    SELECT site_id, survey_id, 'trait:' || trait.key, trait.value #>> '{}', created_at, band, score, sign
    FROM c, jsonb_each(c.user_traits) AS trait WHERE jsonb_typeof(trait.value) IN ('string', 'number', 'boolean')
    UNION ALL
    SELECT site_id, survey_id, 'trait:account.' || trait.key, trait.value #>> '{}', created_at, band, score, sign
    FROM c, jsonb_each(c.account_traits) AS trait WHERE jsonb_typeof(trait.value) IN ('string', 'number', 'boolean')
  )
  INSERT INTO daily_tallies AS t (site_id, survey_id, dimension, value, day, low, middle, high, sum, sum_of_squares, last_answer_at)
  SELECT site_id, survey_id, left(dimension, 200), left(value, 200), (created_at AT TIME ZONE 'UTC')::date,
    coalesce(sum(sign) FILTER (WHERE band = 'low'), 0), coalesce(sum(sign) FILTER (WHERE band = 'middle'), 0),
    coalesce(sum(sign) FILTER (WHERE band = 'high'), 0), sum(sign * score), sum(sign * score * score),
    max(created_at) FILTER (WHERE sign > 0)
  FROM segments GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (site_id, survey_id, dimension, value, day) DO UPDATE SET
    low = t.low + excluded.low, middle = t.middle + excluded.middle, high = t.high + excluded.high,
    sum = t.sum + excluded.sum, sum_of_squares = t.sum_of_squares + excluded.sum_of_squares,
    last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at)
$$;
--> statement-breakpoint
CREATE FUNCTION tenpoint_tally_inserted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tenpoint_add_response_tallies((
    SELECT jsonb_agg(jsonb_build_object('site_id', site_id, 'survey_id', survey_id, 'created_at', created_at, 'account_id', account_id,
      'locale', locale, 'user_traits', user_traits, 'account_traits', account_traits, 'band', band, 'score', score, 'sign', 1))
    FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Only a changed score moves a tally: the comment arriving later does not.
CREATE FUNCTION tenpoint_tally_updated_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tenpoint_add_response_tallies((
    SELECT jsonb_agg(change) FROM (
      SELECT jsonb_build_object('site_id', o.site_id, 'survey_id', o.survey_id, 'created_at', o.created_at, 'account_id', o.account_id,
        'locale', o.locale, 'user_traits', o.user_traits, 'account_traits', o.account_traits, 'band', o.band, 'score', o.score, 'sign', -1) AS change
      FROM old_rows o JOIN new_rows n ON n.site_id = o.site_id AND n.id = o.id
      WHERE (n.score, n.survey_id, n.created_at) IS DISTINCT FROM (o.score, o.survey_id, o.created_at)
      UNION ALL
      SELECT jsonb_build_object('site_id', n.site_id, 'survey_id', n.survey_id, 'created_at', n.created_at, 'account_id', n.account_id,
        'locale', n.locale, 'user_traits', n.user_traits, 'account_traits', n.account_traits, 'band', n.band, 'score', n.score, 'sign', 1)
      FROM old_rows o JOIN new_rows n ON n.site_id = o.site_id AND n.id = o.id
      WHERE (n.score, n.survey_id, n.created_at) IS DISTINCT FROM (o.score, o.survey_id, o.created_at)
    ) AS changes));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Rows of a site being deleted leave no tallies to correct: those go with the site.
CREATE FUNCTION tenpoint_tally_deleted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tenpoint_add_response_tallies((
    SELECT jsonb_agg(jsonb_build_object('site_id', site_id, 'survey_id', survey_id, 'created_at', created_at, 'account_id', account_id,
      'locale', locale, 'user_traits', user_traits, 'account_traits', account_traits, 'band', band, 'score', score, 'sign', -1))
    FROM old_rows WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id)));
  -- A segment's last answer may have been among them: read it again from that day's answers.
  WITH gone AS (
    SELECT site_id, survey_id, (created_at AT TIME ZONE 'UTC')::date AS day, max(created_at) AS at FROM old_rows GROUP BY 1, 2, 3
  )
  UPDATE daily_tallies AS t SET last_answer_at = (
    SELECT max(r.created_at) FROM responses r
    WHERE r.site_id = t.site_id AND r.survey_id = t.survey_id
      AND r.created_at >= t.day::timestamp AT TIME ZONE 'UTC' AND r.created_at < (t.day + 1)::timestamp AT TIME ZONE 'UTC'
      AND CASE
        WHEN t.dimension = 'account' THEN r.account_id = t.value
        WHEN t.dimension = 'locale' THEN r.locale = t.value
        WHEN t.dimension LIKE 'trait:account.%' THEN r.account_traits ->> substr(t.dimension, 15) = t.value
        ELSE r.user_traits ->> substr(t.dimension, 7) = t.value
      END)
  FROM gone
  WHERE t.site_id = gone.site_id AND t.survey_id = gone.survey_id AND t.day = gone.day AND t.last_answer_at <= gone.at;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_tally_inserted AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_inserted_responses();
--> statement-breakpoint
CREATE TRIGGER responses_tally_updated AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_updated_responses();
--> statement-breakpoint
CREATE TRIGGER responses_tally_deleted AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_deleted_responses();
--> statement-breakpoint
-- Showings and dismissals: `column_name` is impressions or declines, `changes` rows of {site_id, survey_id, at, sign}.
CREATE FUNCTION tenpoint_add_event_tallies(column_name text, changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($sql$
    INSERT INTO hourly_tallies AS t (site_id, survey_id, hour, %1$I)
    SELECT site_id, survey_id, date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sum(sign)
    FROM jsonb_to_recordset($1) AS x(site_id uuid, survey_id uuid, at timestamptz, sign integer)
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (site_id, survey_id, hour) DO UPDATE SET %1$I = t.%1$I + excluded.%1$I
  $sql$, column_name) USING changes;
END $$;
--> statement-breakpoint
CREATE FUNCTION tenpoint_tally_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  time_column text := CASE TG_TABLE_NAME WHEN 'impressions' THEN 'shown_at' ELSE 'created_at' END;
  changes jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT jsonb_agg(jsonb_build_object(''site_id'', site_id, ''survey_id'', survey_id, ''at'', %I, ''sign'', 1)) FROM new_rows', time_column) INTO changes;
  ELSE
    EXECUTE format('SELECT jsonb_agg(jsonb_build_object(''site_id'', site_id, ''survey_id'', survey_id, ''at'', %I, ''sign'', -1)) FROM old_rows
      WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = old_rows.site_id)', time_column) INTO changes;
  END IF;
  IF changes IS NOT NULL THEN PERFORM tenpoint_add_event_tallies(TG_TABLE_NAME, changes); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER impressions_tally_inserted AFTER INSERT ON impressions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_events();
--> statement-breakpoint
CREATE TRIGGER impressions_tally_deleted AFTER DELETE ON impressions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_events();
--> statement-breakpoint
CREATE TRIGGER declines_tally_inserted AFTER INSERT ON declines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_events();
--> statement-breakpoint
CREATE TRIGGER declines_tally_deleted AFTER DELETE ON declines REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tenpoint_tally_events();
--> statement-breakpoint
-- What was stored before the tallies existed.
SELECT tenpoint_add_response_tallies((
  SELECT jsonb_agg(jsonb_build_object('site_id', site_id, 'survey_id', survey_id, 'created_at', created_at, 'account_id', account_id,
    'locale', locale, 'user_traits', user_traits, 'account_traits', account_traits, 'band', band, 'score', score, 'sign', 1))
  FROM responses));
--> statement-breakpoint
SELECT tenpoint_add_event_tallies('impressions', (SELECT jsonb_agg(jsonb_build_object('site_id', site_id, 'survey_id', survey_id, 'at', shown_at, 'sign', 1)) FROM impressions));
--> statement-breakpoint
SELECT tenpoint_add_event_tallies('declines', (SELECT jsonb_agg(jsonb_build_object('site_id', site_id, 'survey_id', survey_id, 'at', created_at, 'sign', 1)) FROM declines));
