import { contrastRatio, readableOn, surveyPositions, surveyThemes } from '@tenpoint/shared';
import { bands, type SurveyType } from '@tenpoint/shared/scores';
import { Labelled, NumberSetting, SelectSetting, TextSetting, useEditor } from './setting-inputs.tsx';
import { fieldId } from './survey-draft.ts';
import { bandLabel } from './wording-fields.tsx';

const positionNames: Record<(typeof surveyPositions)[number], string> = {
  'bottom-right': 'Corner (bottom right; bottom left in right-to-left languages)',
  'bottom-bar': 'Bar along the bottom',
  modal: 'Centre of the screen, over the page',
};
const themeNames: Record<(typeof surveyThemes)[number], string> = {
  auto: "Follow the user's system (light or dark)",
  light: 'Light',
  dark: 'Dark',
};
// The survey card's backgrounds (widget/src/ui/survey.css).
const cards = { light: '#ffffff', dark: '#1f2937' } as const;
const isColour = (value: string) => /^#[0-9a-fA-F]{6}$/.test(value);

/** Brand colour (picked, with its contrast checked), theme, position and delay. */
export function LooksFields() {
  const { draft, set } = useEditor();
  const path = ['settings', 'appearance', 'brandColor'];
  const colour = draft.settings.appearance.brandColor;
  return (
    <fieldset class="stack">
      <legend>Looks</legend>
      <Labelled path={path} label="Brand colour" hint="The selected score and the Send button; written #rrggbb.">
        {(attributes) => (
          <div class="colour-row">
            <input
              type="color"
              aria-label="Pick the brand colour"
              disabled={attributes.disabled}
              value={isColour(colour) ? colour.toLowerCase() : '#000000'}
              onInput={(event) => set(path, event.currentTarget.value)}
            />
            <input {...attributes} class="mono" size={9} value={colour} onInput={(event) => set(path, event.currentTarget.value)} />
          </div>
        )}
      </Labelled>
      {isColour(colour) && <ContrastCheck colour={colour} />}
      <SelectSetting
        path={['settings', 'appearance', 'theme']}
        label="Theme"
        options={surveyThemes.map((theme) => [theme, themeNames[theme]])}
      />
      <SelectSetting
        path={['settings', 'appearance', 'position']}
        label="Position"
        options={surveyPositions.map((position) => [position, positionNames[position]])}
      />
      <NumberSetting
        path={['settings', 'appearance', 'delaySeconds']}
        label="Delay (seconds)"
        hint="Shown this long after the page asks; not shown if the user has moved to another page by then."
        min={0}
        max={600}
      />
    </fieldset>
  );
}

/** The WCAG contrast of the text on the brand colour, and of the colour on the light and dark cards. */
function ContrastCheck({ colour }: { colour: string }) {
  const onBrand = contrastRatio(colour, readableOn(colour));
  const rows: Array<[string, number, number]> = [
    [`${readableOn(colour) === '#ffffff' ? 'White' : 'Black'} text on it`, onBrand, 4.5],
    ['It on a light card', contrastRatio(colour, cards.light), 3],
    ['It on a dark card', contrastRatio(colour, cards.dark), 3],
  ];
  return (
    <div class="contrast">
      {rows.map(([what, ratio, needed]) => (
        <p key={what} class="hint">
          {what}: {ratio.toFixed(1)}:1{' '}
          {ratio >= needed ? <span class="badge">enough</span> : <span class="warning">below {needed}:1, hard to see for some users</span>}
        </p>
      ))}
    </div>
  );
}

/** After responding, a link per band: where the text takes users, and its words. */
export function ThankYouLinkFields({ type }: { type: SurveyType }) {
  const { draft, set, readOnly } = useEditor();
  return (
    <fieldset class="stack">
      <legend>Thank-you links</legend>
      <p class="hint">Shown under the thank-you, e.g. a review page for your happiest users. Only http and https addresses.</p>
      {bands.map((band) => {
        const path = ['settings', 'thankYouLinks', band];
        const link = draft.settings.thankYouLinks[band];
        return (
          <div key={band} class="stack link-setting">
            <label class="check">
              <input
                id={fieldId([...path, 'on'])}
                type="checkbox"
                checked={link !== null}
                disabled={readOnly}
                onChange={(event) => set(path, event.currentTarget.checked ? { url: 'https://', label: '' } : null)}
              />{' '}
              A link for {bandLabel(type, band)}
            </label>
            {link && (
              <>
                <TextSetting path={[...path, 'url']} label="Address" emptyAs={null} />
                <TextSetting path={[...path, 'label']} label="Link text" emptyAs={null} />
              </>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
