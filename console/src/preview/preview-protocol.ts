import type { RenderableSurvey } from '@tenpoint/shared';
import type { Band } from '@tenpoint/shared/scores';

/** What the survey shows: the scale, or the follow-up or thank-you a score of a band leads to. */
export type PreviewStep = 'scale' | `follow-up-${Band}` | `thanks-${Band}`;

/** The editor's message to the preview frame: the draft, rendered as the API would answer it. */
export interface PreviewRequest {
  kind: 'tenpoint-preview';
  survey: RenderableSurvey;
  step: PreviewStep;
}

/** The frame's message once it listens. */
export const previewReady = 'tenpoint-preview-ready';
