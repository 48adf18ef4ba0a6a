import { createHash } from 'node:crypto';
import type { ImportFormat } from '@tenpoint/shared';

// The namespace of imported response ids (a random UUID, fixed forever: changing it would import
// every file again as new responses).
const namespace = Buffer.from('5b0c7e3a9d2f4e61a8c4f1b27d6e9a03', 'hex');

/** A name-based UUID (version 5, RFC 9562): the same name always gives the same id. */
function uuidV5(name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Answer {
  surveyId: string;
  userId: string;
  createdAt: Date;
  score: number;
  comment: string | null;
}

/**
 * The id an imported response is stored under: from the site, the export and the export's own
 * response id; or, for an export without ids, from the answer itself (who, when, which survey,
 * what). So importing a file again finds its responses already there.
 */
export function importedResponseId(siteId: string, format: ImportFormat, exportId: string | null, answer: Answer): string {
  if (exportId) return uuidV5(JSON.stringify([siteId, format, 'id', exportId]));
  const { surveyId, userId, createdAt, score, comment } = answer;
  return uuidV5(JSON.stringify([siteId, format, 'answer', surveyId, userId, createdAt.toISOString(), score, comment]));
}
