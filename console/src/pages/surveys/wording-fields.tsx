import { catalogs, pickLocale, surveyStrings } from '@tenpoint/shared';
import { type Band, bands, countName, type SurveyType, scales } from '@tenpoint/shared/scores';
import { useState } from 'preact/hooks';
import { TextSetting, useEditor } from './setting-inputs.tsx';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const languageName = (tag: string) => {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

/** The locales to word the survey in: the built-in ones, and any the survey already has words for. */
export function localesOf(wording: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(catalogs), ...Object.keys(wording)])];
}

/** Who a band's texts are for, with its scores: "promoters (9–10)", "high scores (4–5)". */
export function bandLabel(type: SurveyType, band: Band): string {
  const { min, max, lowMax, middleMax } = scales[type];
  const [from, to] = band === 'low' ? [min, lowMax] : band === 'middle' ? [lowMax + 1, middleMax] : [middleMax + 1, max];
  const who = type === 'nps' ? countName(type, band) : `${band} scores`;
  return `${who} (${from === to ? from : `${from}–${to}`})`;
}

/** The survey's words in one locale, each field showing the built-in words it replaces. */
export function WordingFields({ type, locale, onLocale }: { type: SurveyType; locale: string; onLocale: (locale: string) => void }) {
  const { draft } = useEditor();
  const builtIn = surveyStrings(pickLocale(locale), type, draft.productName).strings;
  const path = (...rest: string[]) => ['settings', 'wording', locale, ...rest];
  const worded = Object.keys(draft.settings.wording);
  return (
    <fieldset class="stack">
      <legend>Wording</legend>
      <div class="form-field">
        <label for="survey-wording-locale">Language</label>
        <select id="survey-wording-locale" value={locale} onChange={(event) => onLocale(event.currentTarget.value)}>
          {localesOf({ ...draft.settings.wording, [locale]: {} }).map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag)} ({tag}){worded.includes(tag) ? ' · your words' : ''}
            </option>
          ))}
        </select>
        <p class="hint">
          Users see the language their browser prefers. Left empty, a text keeps the built-in words, shown greyed. {'{product}'} is put in
          as “{draft.productName}”.
        </p>
      </div>
      <OtherLanguage onLocale={onLocale} />
      <TextSetting path={path('question')} label="Question" placeholder={builtIn.question} multiline />
      <TextSetting path={path('lowLabel')} label="Label under the lowest score" placeholder={builtIn.lowLabel} />
      <TextSetting path={path('highLabel')} label="Label under the highest score" placeholder={builtIn.highLabel} />
      {bands.map((band) => (
        <TextSetting
          key={`follow-up-${band}`}
          path={path('followUp', band)}
          label={`Follow-up question for ${bandLabel(type, band)}`}
          placeholder={builtIn.followUp[band]}
          multiline
        />
      ))}
      <TextSetting path={path('placeholder')} label="Comment placeholder" placeholder={builtIn.placeholder} />
      <TextSetting path={path('submit')} label="Send button" placeholder={builtIn.submit} />
      {bands.map((band) => (
        <TextSetting
          key={`thanks-${band}`}
          path={path('thanks', band)}
          label={`Thank-you for ${bandLabel(type, band)}`}
          placeholder={builtIn.thanks[band]}
          multiline
        />
      ))}
    </fieldset>
  );
}

/** A language tag without built-in words (pt-BR, ko), worded by the vendor alone. */
function OtherLanguage({ onLocale }: { onLocale: (locale: string) => void }) {
  const [tag, setTag] = useState('');
  const valid = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag);
  return (
    <div class="inline-fields">
      <div class="form-field">
        <label for="survey-other-language">Another language</label>
        <input
          id="survey-other-language"
          value={tag}
          placeholder="pt-BR"
          size={10}
          onInput={(event) => setTag(event.currentTarget.value.trim())}
        />
      </div>
      <button type="button" class="quiet" disabled={!valid} onClick={() => onLocale(tag)}>
        Word it
      </button>
    </div>
  );
}
