import { render } from 'preact';
import type { MountOptions } from '../shared-types.ts';
import { categoryOf } from './bands.ts';
import { createDeliver } from './deliver.ts';
import css from './survey.css?inline';
import { Survey } from './survey.tsx';
import { uuid } from './uuid.ts';

export { sendOutbox } from '../storage/outbox.ts';

/** Shows the survey in a shadow root at the page's bottom corner and returns a function that removes it without recording a decline. */
export function mount({ survey, apiUrl, siteKey, user, emit, onDone }: MountOptions): () => void {
  const deliver = createDeliver(apiUrl);
  const surveyId = survey.id;
  const call = { siteKey, surveyId, user };
  // One id per showing: a changed score or a later comment updates the same response.
  const id = uuid();
  const returnFocus = document.activeElement;
  const host = document.createElement('div');
  host.setAttribute('data-tenpoint', '');
  const root = host.attachShadow({ mode: 'open' });
  let open = true;

  const close = () => {
    if (!open) return;
    open = false;
    const hadFocus = document.activeElement === host;
    render(null, root);
    host.remove();
    if (hadFocus && returnFocus instanceof HTMLElement) returnFocus.focus();
    emit('closed', { surveyId });
    onDone();
  };

  const answer = (score: number, comment?: string) => {
    deliver('/v1/responses', { ...call, id, score, comment, locale: survey.locale, url: location.href }, id);
    const category = categoryOf(survey, score);
    if (comment === undefined) emit('response', { surveyId, score, category });
    else emit('comment', { surveyId, score, category, comment });
  };

  const decline = () => {
    deliver('/v1/declines', { ...call, impressionId: survey.impressionId });
    emit('declined', { surveyId });
    close();
  };

  document.body.append(host);
  render(
    <>
      <style>{css}</style>
      <Survey survey={survey} onAnswer={answer} onDecline={decline} onClose={close} />
    </>,
    root,
  );
  deliver('/v1/impressions', { ...call, impressionId: survey.impressionId });
  emit('shown', { surveyId });
  return close;
}
