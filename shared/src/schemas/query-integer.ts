import { z } from 'zod';

const digits = /^[0-9]+$/;
const signedDigits = /^-?[0-9]+$/;

/**
 * An integer query parameter, the one way every endpoint reads one: plain decimal digits only (a
 * leading minus too when `min` is below 0), from `min` to `max`, `fallback` when left out. Anything
 * else is refused naming the parameter; `z.coerce.number()` would read 0x10 as 16, 0b11 as 3,
 * 1e1 as 10 and " 1 " as 1.
 */
export function queryInteger(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  const written = min < 0 ? signedDigits : digits;
  return z
    .preprocess(
      (value) => (typeof value === 'string' && written.test(value) ? Number(value) : value),
      z.int({ error: message }).min(min, message).max(max, message),
    )
    .default(fallback);
}
