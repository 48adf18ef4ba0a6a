import { bandOnScale } from '@tenpoint/shared/scores';
import { createHost } from '@tenpoint/widget-bundles/ui/host.ts';
import { Survey } from '@tenpoint/widget-bundles/ui/survey.tsx';
import { render } from 'preact';
import type { PreviewRequest, PreviewStep } from './preview-protocol.ts';
import { previewReady } from './preview-protocol.ts';
import './preview-page.css';

// The widget's own host and survey, so the preview is the survey users get; only the answers go nowhere.
const nothing = () => {};
let shown: { key: string; host: HTMLElement; mountPoint: HTMLElement; stop: () => void } | undefined;

// The survey focuses its comment box and thank-you as a user reaches them; in the preview that
// would pull the focus out of the editor on every change, so it may only move focus inside.
const focusElement = HTMLElement.prototype.focus;
HTMLElement.prototype.focus = function focusWhenInside(this: HTMLElement, options?: FocusOptions) {
  if (document.hasFocus()) focusElement.call(this, options);
};

function show({ survey, step }: PreviewRequest) {
  // Looks, language and step are set as the survey mounts: a change of them mounts it again.
  const key = JSON.stringify([survey.type, survey.locale, survey.appearance, step]);
  const fresh = shown?.key !== key;
  if (fresh) {
    remove();
    const { host, mountPoint, stopFollowingScreen } = createHost(survey, undefined);
    document.body.append(host);
    shown = { key, host, mountPoint, stop: stopFollowingScreen };
  }
  const { mountPoint } = shown!;
  render(<Survey survey={survey} onRespond={nothing} onDecline={nothing} onClose={nothing} />, mountPoint);
  if (fresh) void walkTo(step, survey, mountPoint);
}

function remove() {
  if (!shown) return;
  render(null, shown.mountPoint);
  shown.host.remove();
  shown.stop();
  shown = undefined;
}

const nextRender = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Clicks through the real survey as a user would: a score of the step's band, then Send. */
async function walkTo(step: PreviewStep, survey: PreviewRequest['survey'], mountPoint: HTMLElement) {
  if (step === 'scale') return;
  const [stage, band] = step.startsWith('thanks-') ? ['thanks', step.slice(7)] : ['follow-up', step.slice(10)];
  const { min, max } = survey.scale;
  const score = Array.from({ length: max - min + 1 }, (_, index) => min + index).find((each) => bandOnScale(survey.scale, each) === band);
  const buttons = mountPoint.querySelectorAll<HTMLButtonElement>('.scores button');
  buttons[(score ?? min) - min]?.click();
  if (stage !== 'thanks') return;
  await nextRender();
  mountPoint.querySelector<HTMLFormElement>('form.follow-up')?.requestSubmit();
}

addEventListener('message', (event: MessageEvent<PreviewRequest>) => {
  if (event.origin !== location.origin || event.data?.kind !== 'tenpoint-preview') return;
  show(event.data);
});
parent.postMessage(previewReady, location.origin);
