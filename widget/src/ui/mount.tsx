import type { RenderableSurvey } from '@tenpoint/shared';
import { bandOnScale, categoryName } from '@tenpoint/shared/scores';
import { render } from 'preact';
import type { MountOptions } from '../shared-types.ts';
import { createDeliver } from './deliver.ts';
import { createHost } from './host.ts';
import { Survey } from './survey.tsx';
import { uuid } from './uuid.ts';

export { sendOutbox } from '../storage/outbox.ts';

/**
 * Shows the survey, after its delay if it has one, and returns a function that removes it without
 * recording a decline. A delayed survey is dropped if the user has moved to another page meanwhile.
 */
export function mount(options: MountOptions): () => void {
  let removed = false;
  let remove = () => {
    removed = true;
  };
  const { survey, onDone } = options;
  const delayMs = survey.appearance.delaySeconds * 1000;
  if (delayMs === 0) return show(options, survey);

  const page = location.href;
  const timer = setTimeout(async () => {
    const due = location.href === page ? await askAgain(options).catch(() => undefined) : undefined;
    if (removed) return;
    if (due?.eligible && location.href === page) remove = show(options, due.survey);
    else {
      options.log(`not shown after its delay: ${due?.eligible === false ? due.reason : 'page changed or API not reached'}`);
      onDone();
    }
  }, delayMs);
  return () => {
    clearTimeout(timer);
    remove();
  };
}

/** Once a delayed survey is due: may it still be shown? The server records the impression now. */
const askAgain = async ({ apiUrl, request, ask }: MountOptions) => ask(apiUrl, { ...request, waited: true });

function show({ apiUrl, nonce, request, emit, onDone }: MountOptions, survey: RenderableSurvey): () => void {
  const deliver = createDeliver(apiUrl);
  const surveyId = survey.id;
  // Shown by show() (test mode): its responses are kept apart from the live ones.
  const call = { siteKey: request.siteKey, surveyId, user: request.user, test: request.show };
  // One id per impression: a changed score or a later comment updates the same response.
  const id = uuid();
  const returnFocus = document.activeElement;
  const { host, mountPoint, stopFollowingScreen } = createHost(survey, nonce);
  let open = true;

  const close = () => {
    if (!open) return;
    open = false;
    const hadFocus = document.activeElement === host;
    render(null, mountPoint);
    host.remove();
    stopFollowingScreen();
    if (hadFocus && returnFocus instanceof HTMLElement) returnFocus.focus();
    emit('closed', { surveyId });
    onDone();
  };

  const respond = (score: number, comment?: string) => {
    deliver('/v1/responses', { ...call, id, score, comment, locale: survey.locale, url: location.href }, id);
    const category = categoryName(survey.type, bandOnScale(survey.scale, score));
    if (comment === undefined) emit('response', { surveyId, score, category });
    else emit('comment', { surveyId, score, category, comment });
  };

  const decline = () => {
    deliver('/v1/declines', { ...call, impressionId: survey.impressionId });
    emit('declined', { surveyId });
    close();
  };

  document.body.append(host);
  render(<Survey survey={survey} onRespond={respond} onDecline={decline} onClose={close} />, mountPoint);
  deliver('/v1/impressions', { ...call, impressionId: survey.impressionId });
  emit('shown', { surveyId });
  return close;
}
