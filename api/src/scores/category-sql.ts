import { bands, categoryName, surveyTypes } from '@tenpoint/shared/scores';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * tenpoint_category_name(survey_type, band): a band's public name (detractor… for NPS, low… for
 * CSAT and CES), or null, for the SQL that names categories (the webhook payloads). Written from
 * @tenpoint/shared/scores at every start, so that no SQL restates the names.
 */
export function categoryNameFunction(): string {
  const cases = surveyTypes.flatMap((type) =>
    bands.map((band) => `    WHEN survey_type = ${literal(type)} AND band = ${literal(band)} THEN ${literal(categoryName(type, band))}`),
  );
  return `CREATE OR REPLACE FUNCTION tenpoint_category_name(survey_type text, band text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
${cases.join('\n')}
  END
$$`;
}
