import { z } from 'zod';

/** E-mail addresses are compared case-insensitively: they are stored trimmed and in lower case. */
export const emailSchema = z
  .string('must be text')
  .trim()
  .toLowerCase()
  .max(254, 'must have at most 254 characters')
  .pipe(z.email('must be an e-mail address'));

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
