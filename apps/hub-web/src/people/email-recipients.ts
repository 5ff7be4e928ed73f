/**
 * TLP:RED goes to named people; the console names them by the e-mail address they sign in with
 * (`audience.recipientEmails`). The hub says whether an address is an active person when the
 * submission is sent (docs/sharing.md, "Recipients by e-mail"); here only the form is checked.
 */
export const MAX_RECIPIENT_EMAILS = 100;

// One @, no spaces or quotes, a domain with a dot: the shape of a sign-in address, not RFC 5322 in full.
const EMAIL = /^[^\s@'"\\<>,;]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

export interface EmailEntry {
  /** The addresses after adding what was typed: trimmed, lower case, without repeats. */
  emails: string[];
  /** What was typed that is not an address, as typed. */
  invalid: string[];
  /** Addresses left out because the list is full. */
  overLimit: string[];
}

/** Adds what was typed or pasted (separated by commas, semicolons, spaces or new lines) to the chips. */
export function addEmails(current: string[], typed: string): EmailEntry {
  const emails = [...current];
  const invalid: string[] = [];
  const overLimit: string[] = [];
  for (const raw of typed.split(/[\s,;]+/)) {
    const text = raw.trim().replace(/^<(.*)>$/, '$1');
    if (!text) continue;
    if (!isEmailAddress(text)) {
      invalid.push(raw.trim());
      continue;
    }
    const email = text.toLowerCase();
    if (emails.includes(email)) continue;
    if (emails.length >= MAX_RECIPIENT_EMAILS) overLimit.push(email);
    else emails.push(email);
  }
  return { emails, invalid, overLimit };
}

/** The index of the address the server named in a path like `audience.recipientEmails[2]` (or `input.audience…`). */
export function recipientIndex(path: string): number | undefined {
  const match = /^(?:input\.)?audience\.recipientEmails\[(\d+)\]$/.exec(path);
  return match ? Number(match[1]) : undefined;
}
