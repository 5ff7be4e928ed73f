// Character set names (spec 6.3 path_enc, 6.7 name_enc): the IANA registry's preferred MIME name, or its
// name where it has none. The registry compares names without regard to case.
import { IANA_CHARACTER_SETS } from './iana-character-sets';

/** Every registered name and alias, lower-cased, mapped to the name STIX requires for that character set. */
const REQUIRED_NAME = new Map<string, string>();
for (const entry of IANA_CHARACTER_SETS) {
  const [preferred, name, aliases] = entry.split('|');
  const required = preferred || name;
  for (const known of [name, ...aliases.split(' ')]) if (known) REQUIRED_NAME.set(known.toLowerCase(), required);
}

/** Whether `name` is any name or alias of a registered character set (as a MIME `charset` parameter may be). */
export function isRegisteredCharacterSet(name: string): boolean {
  return REQUIRED_NAME.has(name.toLowerCase());
}

/** Why `name` is not the name STIX requires for a character set, or undefined when it is. */
export function characterSetNameProblem(name: string): string | undefined {
  const required = REQUIRED_NAME.get(name.toLowerCase());
  if (required === undefined) return 'is not a character set of the IANA registry (such as "UTF-8" or "windows-1252")';
  if (required.toLowerCase() !== name.toLowerCase()) return `must be written "${required}", the name the IANA registry prefers for this character set`;
  return undefined;
}
