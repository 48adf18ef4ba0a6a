import type { ResponseDetail } from '@tenpoint/shared';
import type { Site } from '../../types.ts';

/** Writing a reply to the respondent by email, under a response in the inbox. */
export function ReplyForm(_props: { site: Site; response: ResponseDetail; onSent: () => void }) {
  return null;
}
