import { renderSurvey, type SurveyAnswer } from '@tenpoint/shared';
import { bands } from '@tenpoint/shared/scores';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type PreviewRequest, type PreviewStep, previewReady } from '../../preview/preview-protocol.ts';
import type { SurveyDraft } from './survey-draft.ts';
import { bandLabel } from './wording-fields.tsx';

const devices = {
  desktop: { label: 'Desktop', width: 1024, height: 640, scale: 0.5 },
  phone: { label: 'Phone', width: 375, height: 667, scale: 0.6 },
} as const;
type Device = keyof typeof devices;

/**
 * The draft as users would get it, unsaved: the widget's own survey UI in a frame of the console
 * (preview.html), at a desktop's or a phone's size, at any step.
 */
export function SurveyPreview({ survey, draft, locale }: { survey: SurveyAnswer; draft: SurveyDraft; locale: string }) {
  const [step, setStep] = useState<PreviewStep>('scale');
  const [device, setDevice] = useState<Device>('desktop');
  // Counts the frames that said they listen: a new frame (another screen size) is sent the draft too.
  const [ready, setReady] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const rendered = renderSurvey({ id: survey.id, type: survey.type, productName: draft.productName }, draft.settings, locale, 'preview');
  const message = JSON.stringify(rendered);

  useEffect(() => {
    const listen = (event: MessageEvent) => {
      if (event.source === frame.current?.contentWindow && event.data === previewReady) setReady((count) => count + 1);
    };
    addEventListener('message', listen);
    return () => removeEventListener('message', listen);
  }, []);
  useEffect(() => {
    if (!ready) return;
    const request: PreviewRequest = { kind: 'tenpoint-preview', survey: rendered, step };
    frame.current?.contentWindow?.postMessage(request, location.origin);
  }, [ready, message, step]);

  const size = devices[device];
  const steps: Array<[PreviewStep, string]> = [
    ['scale', 'The question'],
    ...bands.map((band): [PreviewStep, string] => [`follow-up-${band}`, `Follow-up, ${bandLabel(survey.type, band)}`]),
    ...bands.map((band): [PreviewStep, string] => [`thanks-${band}`, `Thank-you, ${bandLabel(survey.type, band)}`]),
  ];
  return (
    <section class="card survey-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <p class="hint">Unsaved changes included; answers in the preview go nowhere.</p>
      <div class="inline-fields">
        <div class="form-field">
          <label for="preview-step">Step</label>
          <select id="preview-step" value={step} onChange={(event) => setStep(event.currentTarget.value as PreviewStep)}>
            {steps.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="form-field preview-devices">
          <legend>Screen</legend>
          <div>
            {(Object.keys(devices) as Device[]).map((each) => (
              <button key={each} type="button" class="quiet" aria-pressed={device === each} onClick={() => setDevice(each)}>
                {devices[each].label}
              </button>
            ))}
          </div>
        </fieldset>
      </div>
      <div class="preview-screen" style={{ width: `${size.width * size.scale}px`, height: `${size.height * size.scale}px` }}>
        <iframe
          ref={frame}
          key={device}
          title={`Preview of the survey on a ${devices[device].label.toLowerCase()} screen`}
          src="/app/preview.html"
          width={size.width}
          height={size.height}
          style={{ transform: `scale(${size.scale})` }}
        />
      </div>
    </section>
  );
}
