import type { FollowUpPatch } from '@tenpoint/shared';
import { ApiError } from '../errors.ts';

const maxTags = 20;

/** Tags without repeats, whatever their case; each kept in the case it was first given. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The tags after a patch: replaced by `tags`, then `addTags` added and `removeTags` removed (any case). */
export function nextTags(current: readonly string[], patch: Pick<FollowUpPatch, 'tags' | 'addTags' | 'removeTags'>): string[] {
  const removed = new Set((patch.removeTags ?? []).map((tag) => tag.toLowerCase()));
  const tags = uniqueTags([...(patch.tags ?? current), ...(patch.addTags ?? [])]).filter((tag) => !removed.has(tag.toLowerCase()));
  if (tags.length > maxTags) throw new ApiError('invalid_request', `tags: a response has at most ${maxTags} tags; remove some first`);
  return tags;
}

export const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, index) => tag === b[index]);
