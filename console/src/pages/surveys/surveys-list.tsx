import type { ScoresAnswer, SurveyAnswer, SurveyCreate } from '@tenpoint/shared';
import type { SurveyType } from '@tenpoint/shared/scores';
import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { can } from '../../roles.ts';
import { href, navigate, useRoute } from '../../router.ts';
import { formatScore, headlineOf } from '../../score-format.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { List, Site } from '../../types.ts';
import { ConfirmByName } from '../../ui/confirm-name.tsx';
import { Field, FormProblem, Submit, useAction } from '../../ui/form.tsx';
import { PageTitle } from '../../ui/page-title.tsx';
import { useLoad } from '../../use-load.ts';
import { SurveyEditor } from './survey-editor.tsx';
import { surveyPath, typeNames } from './survey-names.ts';

/** The site's surveys, or the editor of the one the address names. */
export function Surveys({ site }: { site: Site }) {
  const id = useRoute().query.get('id');
  if (id) return <SurveyEditor key={id} site={site} surveyId={id} />;
  return <SurveyList site={site} />;
}

/** The site's surveys: made, copied, switched on and off, and deleted once named. */
function SurveyList({ site }: { site: Site }) {
  const manage = can.manage(useWorkspace().role);
  const [count, setCount] = useState(0);
  const list = useLoad(() => api.get<List<SurveyAnswer>>('/v1/surveys', {}, site.id), [site.id, count]);
  const reload = () => setCount((value) => value + 1);
  return (
    <>
      <PageTitle title={`Surveys · ${site.name}`}>Surveys</PageTitle>
      {!manage && <p class="hint">Read only: an admin or the owner can make and change surveys.</p>}
      <section class="card" aria-labelledby="surveys-title">
        <h2 id="surveys-title">Surveys of {site.name}</h2>
        {list.error && <p role="alert">{list.error}</p>}
        {!list.data ? (
          !list.error && <p role="status">Loading surveys…</p>
        ) : (
          <ul class="rows survey-rows" aria-label="Surveys">
            {list.data.data.map((survey) => (
              <SurveyRow key={survey.id} site={site} survey={survey} manage={manage} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>
      {manage && <CreateSurvey site={site} />}
    </>
  );
}

function SurveyRow(props: { site: Site; survey: SurveyAnswer; manage: boolean; onChanged: () => void }) {
  const { site, survey, manage, onChanged } = props;
  const action = useAction();
  const [deleting, setDeleting] = useState(false);
  // Switched at once; the list, read again, says what the API kept.
  const [enabled, setEnabled] = useState(survey.enabled);
  const editor = surveyPath(site.id, survey.id);
  const change = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      onChanged();
    });
  return (
    <li class="survey-row">
      <div class="survey-summary">
        <a href={href(editor)} class="survey-name">
          {survey.name}
        </a>{' '}
        <span class="badge">{typeNames[survey.type]}</span> {survey.isDefault && <span class="badge">Default</span>}
        <Headline site={site} survey={survey} />
      </div>
      <div class="actions">
        <label class="check">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            aria-checked={enabled}
            disabled={!manage || action.busy}
            onChange={(event) => {
              const next = event.currentTarget.checked;
              setEnabled(next);
              void change(() =>
                api.patch(`/v1/surveys/${survey.id}`, { enabled: next }, site.id).catch((error) => {
                  setEnabled(!next);
                  throw error;
                }),
              );
            }}
          />{' '}
          {enabled ? 'On' : 'Off'}
          <span class="visually-hidden"> ({survey.name})</span>
        </label>
        {manage && (
          <>
            <button type="button" class="quiet" onClick={() => navigate(editor)}>
              Edit<span class="visually-hidden"> {survey.name}</span>
            </button>
            <button
              type="button"
              class="quiet"
              disabled={action.busy}
              onClick={() => void change(() => api.post(`/v1/surveys/${survey.id}/duplicate`, undefined, site.id))}
            >
              Duplicate<span class="visually-hidden"> {survey.name}</span>
            </button>
            {!survey.isDefault && (
              <button type="button" class="quiet danger-text" aria-expanded={deleting} onClick={() => setDeleting(!deleting)}>
                Delete<span class="visually-hidden"> {survey.name}</span>
              </button>
            )}
          </>
        )}
      </div>
      <FormProblem action={action} />
      {deleting && (
        <div class="survey-delete">
          <p>Its responses and scores go with it, for good.</p>
          <ConfirmByName
            id={`delete-${survey.id}`}
            name={survey.name}
            what="this survey"
            button="Delete survey"
            onConfirm={async (typed) => {
              await api.delete(`/v1/surveys/${survey.id}`, { confirm: typed }, site.id);
              onChanged();
            }}
          />
        </div>
      )}
    </li>
  );
}

/** The survey's score over the API's default range, from the tallies: one cheap call a survey. */
function Headline({ site, survey }: { site: Site; survey: SurveyAnswer }) {
  const scores = useLoad(() => api.get<ScoresAnswer>('/v1/scores', { surveyId: survey.id }, site.id), [survey.id]);
  if (!scores.data) return null;
  const score = headlineOf(scores.data as Parameters<typeof headlineOf>[0]);
  const responses = scores.data.responses;
  return (
    <span class="hint survey-headline">
      {typeNames[survey.type]} {formatScore(survey.type, score)} · {responses} {responses === 1 ? 'response' : 'responses'}
    </span>
  );
}

function CreateSurvey({ site }: { site: Site }) {
  const [draft, setDraft] = useState<SurveyCreate>({ type: 'csat', name: '', productName: site.name });
  const action = useAction();
  return (
    <section class="card" aria-labelledby="create-survey-title">
      <h2 id="create-survey-title">New survey</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const created = await api.post<SurveyAnswer>('/v1/surveys', { ...draft, enabled: false }, site.id);
            navigate(surveyPath(site.id, created.id));
          });
        }}
      >
        <div class="form-field">
          <label for="new-survey-type">Type</label>
          <select
            id="new-survey-type"
            value={draft.type}
            onChange={(event) => setDraft({ ...draft, type: event.currentTarget.value as SurveyType })}
          >
            <option value="nps">NPS: how likely to recommend, 0–10</option>
            <option value="csat">CSAT: how satisfied, 1–5</option>
            <option value="ces">CES: how easy, 1–7</option>
          </select>
        </div>
        <Field
          id="new-survey-name"
          label="Name"
          hint="For your team; users never see it."
          value={draft.name}
          onInput={(name) => setDraft({ ...draft, name })}
          error={action.fieldError('name')}
        />
        <Field
          id="new-survey-product"
          label="Product name"
          hint="Put into the question: “How likely are you to recommend {product}?”"
          value={draft.productName}
          onInput={(productName) => setDraft({ ...draft, productName })}
          error={action.fieldError('productName')}
        />
        <FormProblem action={action} fields={['name', 'productName']} />
        <p class="hint">A new survey starts switched off: edit it, then switch it on.</p>
        <div>
          <Submit busy={action.busy}>Create survey</Submit>
        </div>
      </form>
    </section>
  );
}
