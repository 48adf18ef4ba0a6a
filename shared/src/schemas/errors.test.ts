import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodError } from './errors.ts';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return describeZodError(result.error);
};

describe('describeZodError', () => {
  it('says in words what zod would say in its own terms, where a schema gave no message', () => {
    const schema = z.object({ name: z.string().max(3), tags: z.array(z.string()).min(1).max(2), seats: z.number().max(10) });
    expect(messageOf(schema, { name: 'abcd', tags: ['a'], seats: 1 })).toBe('name: must be at most 3 characters');
    expect(messageOf(schema, { name: 'a', tags: [], seats: 1 })).toBe('tags: must not be empty');
    expect(messageOf(schema, { name: 'a', tags: ['a', 'b', 'c'], seats: 1 })).toBe('tags: must be at most 2 items');
    expect(messageOf(schema, { name: 'a', tags: ['a'], seats: 11 })).toBe('seats: must be at most 10');
    expect(messageOf(schema, { tags: ['a'], seats: 1 })).toBe('name: is required');
    expect(messageOf(schema, { name: 5, tags: ['a'], seats: 1 })).toBe('name: must be text');
  });

  it('keeps a message the schema gave', () => {
    expect(messageOf(z.object({ name: z.string().max(3, 'must be short') }), { name: 'abcd' })).toBe('name: must be short');
  });
});
