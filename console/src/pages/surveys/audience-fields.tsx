import type { SiteTrait } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { Labelled, NumberSetting, SwitchSetting, TextSetting, useEditor } from './setting-inputs.tsx';
import { fieldId } from './survey-draft.ts';
import { TraitRules } from './trait-rules.tsx';

/** How often a user may be asked. */
export function ThrottleFields() {
  const path = (name: string) => ['settings', 'throttle', name];
  return (
    <fieldset class="stack">
      <legend>How often</legend>
      <NumberSetting
        path={path('daysAfterSignUp')}
        label="Days after sign-up"
        hint="First asked only this long after the user signed up."
        min={0}
        max={3650}
      />
      <NumberSetting
        path={path('daysAfterResponse')}
        label="Days after a response"
        hint="Not asked again this long after responding."
        min={0}
        max={3650}
      />
      <NumberSetting
        path={path('daysAfterDecline')}
        label="Days after a decline"
        hint="Not asked again this long after closing it without a score."
        min={0}
        max={3650}
      />
      <NumberSetting
        path={path('hoursAfterImpression')}
        label="Hours after being shown"
        hint="Shown and ignored: not shown again for this long."
        min={0}
        max={8760}
      />
      <NumberSetting path={path('ignoredImpressionsAsDecline')} label="Ignored showings that count as a decline" min={1} max={100} />
    </fieldset>
  );
}

/** How many are asked: sampling, the daily cap and the cap per account. */
export function VolumeFields() {
  const { draft, set, readOnly } = useEditor();
  const accountCap = draft.settings.accountCap;
  return (
    <fieldset class="stack">
      <legend>How many</legend>
      <NumberSetting path={['settings', 'sampling', 'percent']} label="Share of users asked (%)" min={0} max={100} step={0.1} />
      <NumberSetting
        path={['settings', 'sampling', 'periodDays']}
        label="Sampling period (days)"
        hint="A user sampled out stays out for this long, then is drawn again."
        min={1}
        max={365}
      />
      <NumberSetting
        path={['settings', 'dailyCap']}
        label="Daily cap"
        hint="At most this many showings a day (UTC); empty for no cap."
        min={1}
      />
      <label class="check">
        <input
          id={fieldId(['settings', 'accountCap', 'on'])}
          type="checkbox"
          checked={accountCap !== null}
          disabled={readOnly}
          onChange={(event) => set(['settings', 'accountCap'], event.currentTarget.checked ? { users: 3, days: 30 } : null)}
        />{' '}
        Limit how many users of one account are asked
      </label>
      {accountCap && (
        <div class="inline-fields">
          <NumberSetting path={['settings', 'accountCap', 'users']} label="Users of one account at most" min={1} />
          <NumberSetting path={['settings', 'accountCap', 'days']} label="Per days" min={1} max={3650} />
        </div>
      )}
    </fieldset>
  );
}

/** Who is asked: the trigger event, trait rules, excluded email domains. */
export function TargetingFields({ traits }: { traits: SiteTrait[] }) {
  return (
    <fieldset class="stack">
      <legend>Who</legend>
      <TextSetting
        path={['settings', 'triggerEvent']}
        label="Trigger event"
        hint="When set, asked only right after your app calls tenpoint('track', 'this-event'); empty to ask on any page."
        emptyAs={null}
      />
      <TraitRules kind="include" traits={traits} title="Show only to users where" hint="Every rule must match." />
      <TraitRules kind="exclude" traits={traits} title="Never show to users where" hint="No rule may match." />
      <DomainsField />
      <SwitchSetting
        path={['settings', 'targeting', 'requireCreatedAt']}
        label="Only users whose sign-up date is known"
        hint="Users your app identifies without createdAt are never asked."
      />
    </fieldset>
  );
}

/** Domains one a line: the text is kept as typed, the list set from it. */
function DomainsField() {
  const { draft, set } = useEditor();
  const path = ['settings', 'targeting', 'excludeEmailDomains'];
  const [text, setText] = useState(draft.settings.targeting.excludeEmailDomains.join('\n'));
  return (
    <Labelled path={path} label="Email domains never asked" hint="One a line, e.g. your own company's: acme.io">
      {(attributes) => (
        <textarea
          {...attributes}
          rows={2}
          value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            const domains = event.currentTarget.value.split('\n').map((line) => line.trim());
            set(path, domains.filter(Boolean));
          }}
        />
      )}
    </Labelled>
  );
}
