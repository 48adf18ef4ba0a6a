import type { FollowUpAnswer } from '@tenpoint/shared';

const units: Array<[number, string]> = [
  [24 * 3600 * 1000, 'day'],
  [3600 * 1000, 'hour'],
  [60 * 1000, 'minute'],
];

/** How long ago a moment was, in the largest whole unit: "3 days", "1 hour", "just now". */
export function age(iso: string, now = Date.now()): string {
  const elapsed = now - new Date(iso).getTime();
  for (const [size, unit] of units) {
    const count = Math.floor(elapsed / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return 'just now';
}

export const stateWords: Record<FollowUpAnswer['state'], string> = { new: 'New', in_progress: 'In progress', closed: 'Closed' };

/** Whether a key press is typing in a field, where the inbox's shortcuts must never fire. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.isContentEditable;
}
