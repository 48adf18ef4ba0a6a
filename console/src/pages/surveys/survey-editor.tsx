import type { SiteTraits, SurveyAnswer } from '@tenpoint/shared';
import { useMemo, useState } from 'preact/hooks';
import { ApiProblem, api } from '../../api.ts';
import { can } from '../../roles.ts';
import { href } from '../../router.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { Site } from '../../types.ts';
import { Submit, useAction } from '../../ui/form.tsx';
import { PageTitle } from '../../ui/page-title.tsx';
import { useLoad } from '../../use-load.ts';
import { TargetingFields, ThrottleFields, VolumeFields } from './audience-fields.tsx';
import { LooksFields, ThankYouLinkFields } from './looks-fields.tsx';
import { EditorContext, SwitchSetting, TextSetting } from './setting-inputs.tsx';
import { draftOf, fieldName, patchOf, problemOfApi, problemsOf, type SurveyDraft, setIn } from './survey-draft.ts';
import { surveyPath, typeNames } from './survey-names.ts';
import { SurveyPreview } from './survey-preview.tsx';
import { WordingFields } from './wording-fields.tsx';

/** One survey's every setting, with a live preview of the unsaved draft. */
export function SurveyEditor({ site, surveyId }: { site: Site; surveyId: string }) {
  const survey = useLoad(() => api.get<SurveyAnswer>(`/v1/surveys/${encodeURIComponent(surveyId)}`, {}, site.id), [surveyId]);
  const traits = useLoad(() => api.get<SiteTraits>('/v1/traits', {}, site.id), [site.id]);
  const back = (
    <p>
      <a href={href(surveyPath(site.id))}>All surveys</a>
    </p>
  );
  if (!survey.data)
    return (
      <>
        <PageTitle title={`Survey · ${site.name}`}>Survey</PageTitle>
        {back}
        {survey.error ? <p role="alert">{survey.error}</p> : <p role="status">Loading the survey…</p>}
      </>
    );
  return (
    <>
      <PageTitle title={`${survey.data.name} · ${site.name}`}>
        {survey.data.name} <span class="badge">{typeNames[survey.data.type]}</span>
      </PageTitle>
      {back}
      <Editor site={site} stored={survey.data} traits={traits.data?.data ?? []} />
    </>
  );
}

function Editor({ site, stored: loaded, traits }: { site: Site; stored: SurveyAnswer; traits: SiteTraits['data'] }) {
  const { role, reloadSites } = useWorkspace();
  const readOnly = !can.manage(role);
  const [stored, setStored] = useState(loaded);
  const [draft, setDraft] = useState<SurveyDraft>(() => draftOf(loaded));
  const [testMode, setTestMode] = useState(site.testMode);
  const [locale, setLocale] = useState(Object.keys(loaded.settings.wording)[0] ?? 'en');
  const [apiProblem, setApiProblem] = useState<{ id: string; words: string }>();
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const problems = useMemo(() => {
    const found = problemsOf(draft);
    if (apiProblem && !found.has(apiProblem.id)) found.set(apiProblem.id, apiProblem.words);
    return found;
  }, [draft, apiProblem]);
  const set = (path: ReadonlyArray<string | number>, value: unknown) => {
    setSaved(false);
    setApiProblem(undefined);
    setDraft((previous) => {
      const next = setIn(previous, path, value);
      // A wording left with no text at all is still a wording.
      next.settings.wording ??= {};
      return next;
    });
  };
  const editor = { draft, set, problems, readOnly };

  const save = () =>
    action.run(async () => {
      if (problems.size > 0)
        throw new Error(`${problems.size === 1 ? 'One setting needs' : `${problems.size} settings need`} a change first.`);
      try {
        const answer = await api.patch<SurveyAnswer>(`/v1/surveys/${stored.id}`, patchOf(stored, draft), site.id);
        setStored(answer);
        setDraft(draftOf(answer));
      } catch (error) {
        const problem = error instanceof ApiProblem && error.status === 400 ? problemOfApi(error.message) : undefined;
        if (problem) setApiProblem(problem);
        throw problem ? new Error(`${fieldName(problem.id)}: ${problem.words}`) : error;
      }
      if (testMode !== site.testMode) {
        await api.patch('/v1/site', { testMode }, site.id);
        reloadSites();
      }
      setSaved(true);
    });

  return (
    <EditorContext.Provider value={editor}>
      <div class="survey-editor">
        <form
          class="stack survey-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {readOnly && <p class="hint">Read only: an admin or the owner can change this survey.</p>}
          <ProblemList problems={problems} onLocale={setLocale} />
          <fieldset class="stack">
            <legend>Survey</legend>
            <TextSetting path={['name']} label="Name" hint="For your team; users never see it." />
            <TextSetting path={['productName']} label="Product name" hint="Put into the wording where it says {product}." />
            <SwitchSetting path={['enabled']} label="On: users are asked" hint="Off, the widget never shows this survey." />
            <div class="form-field">
              <label class="check">
                <input
                  type="checkbox"
                  role="switch"
                  checked={testMode}
                  aria-checked={testMode}
                  disabled={readOnly}
                  aria-describedby="survey-test-mode-hint"
                  onChange={(event) => setTestMode(event.currentTarget.checked)}
                />{' '}
                Test mode (the whole site)
              </label>
              <p id="survey-test-mode-hint" class="hint">
                tenpoint('show') then shows a survey whatever the rules below say; its responses count as tests, out of the scores.
              </p>
            </div>
          </fieldset>
          <WordingFields type={stored.type} locale={locale} onLocale={setLocale} />
          <ThankYouLinkFields type={stored.type} />
          <LooksFields />
          <TargetingFields traits={traits} />
          <ThrottleFields />
          <VolumeFields />
          {!readOnly && (
            <div class="save-bar">
              <Submit busy={action.busy}>Save survey</Submit> <span role="status">{saved ? 'Saved.' : ''}</span>
              {action.problem && (
                <p class="problem" role="alert">
                  {action.problem}
                </p>
              )}
            </div>
          )}
        </form>
        <SurveyPreview survey={stored} draft={draft} locale={locale} />
      </div>
    </EditorContext.Provider>
  );
}

/** Every problem of the draft, named in words; each leads to its field, in whichever language it is. */
function ProblemList({ problems, onLocale }: { problems: Map<string, string>; onLocale: (locale: string) => void }) {
  if (problems.size === 0) return null;
  const goTo = (id: string) => {
    const locale = /^survey\.settings\.wording\.([^.]+)\./.exec(id)?.[1];
    if (locale) onLocale(locale);
    setTimeout(() => document.getElementById(id)?.focus(), 0);
  };
  return (
    <section class="card problems" aria-labelledby="survey-problems-title">
      <h2 id="survey-problems-title">{problems.size === 1 ? 'One setting needs a change' : `${problems.size} settings need a change`}</h2>
      <ul>
        {[...problems].map(([id, words]) => (
          <li key={id}>
            <button type="button" class="link" onClick={() => goTo(id)}>
              {fieldName(id)}
            </button>
            : {words}
          </li>
        ))}
      </ul>
    </section>
  );
}
