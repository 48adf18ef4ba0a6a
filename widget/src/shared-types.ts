import type { EligibilityAnswer, EligibilityRequest, RenderableSurvey } from '@tenpoint/shared';
import type { Category } from '@tenpoint/shared/scores';

export interface WidgetEvents {
  shown: { surveyId: string };
  response: { surveyId: string; score: number; category: Category };
  comment: { surveyId: string; score: number; category: Category; comment: string };
  declined: { surveyId: string };
  closed: { surveyId: string };
}
export type WidgetEvent = keyof WidgetEvents;
export type Emit = <E extends WidgetEvent>(event: E, payload: WidgetEvents[E]) => void;

export interface MountOptions {
  survey: RenderableSurvey;
  /** API origin (and optional path prefix), without a trailing slash. */
  apiUrl: string;
  nonce?: string | undefined;
  /** The eligibility request that showed it (site key and user too), asked again once a delayed survey is due. */
  request: EligibilityRequest;
  emit: Emit;
  /** The loader's askEligibility (transport.ts), to ask again once a delayed survey is due. */
  ask: (apiUrl: string, request: EligibilityRequest) => Promise<EligibilityAnswer>;
  /** Says a decision on the console in debug mode; does nothing otherwise. */
  log: (message: string) => void;
  /** Called once the survey is gone, however it ended. */
  onDone: () => void;
}

/** What `widget-ui.js` exports; `mount` returns a function that removes the survey without a decline. */
export interface UiModule {
  mount: (options: MountOptions) => () => void;
  sendOutbox: () => void;
}
