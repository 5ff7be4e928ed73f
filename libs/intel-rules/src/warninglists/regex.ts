// MISP stores regex entries as PHP preg patterns: a delimiter, the pattern, the delimiter again, then
// modifiers (`/^evil\.com$/i`, `#foo#`, `{bar}`). The hub runs them with JavaScript's engine, so an
// entry is accepted only when both engines read it the same way and it cannot backtrack for ever.

export const MAX_REGEX_LENGTH = 1000;

const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/**
 * PHP modifiers the hub understands. `i`, `m`, `s`, `u` are JavaScript flags; `D` (a `$` that only
 * matches at the very end) is JavaScript's behaviour already; `A` anchors the start.
 * `x`, `U`, `X`, `J`, `S` change the syntax or the greediness and are refused rather than ignored.
 */
const JS_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '' };

export type CompiledRegex = { ok: true; regex: RegExp } | { ok: false; message: string };

/** Compiles one MISP regex entry, or says why it is refused. */
export function compileMispRegex(entry: string): CompiledRegex {
  if (entry.length > MAX_REGEX_LENGTH) return { ok: false, message: `a regex is at most ${MAX_REGEX_LENGTH} characters` };
  const delimiter = entry.charAt(0);
  if (delimiter === '' || /[\sA-Za-z0-9\\]/.test(delimiter)) {
    return { ok: false, message: 'a regex starts with a delimiter such as / (PHP preg syntax: /pattern/flags)' };
  }
  const closing = CLOSING[delimiter] ?? delimiter;
  const end = closingDelimiterAt(entry, delimiter, closing);
  if (end < 0) return { ok: false, message: `the regex has no closing delimiter ${closing}` };
  const pattern = unescapeDelimiter(entry.slice(1, end), closing);
  const modifiers = entry.slice(end + 1);
  let flags = '';
  let anchored = false;
  for (const modifier of modifiers) {
    if (modifier === 'A') anchored = true;
    else if (modifier === 'D') continue;
    else if (modifier in JS_FLAGS) flags += flags.includes(JS_FLAGS[modifier] as string) ? '' : JS_FLAGS[modifier];
    else return { ok: false, message: `the regex modifier '${modifier}' is not supported (supported: i, m, s, u, D, A)` };
  }
  const unsafe = unsafeConstruct(pattern);
  if (unsafe) return { ok: false, message: `the regex is refused: ${unsafe}` };
  try {
    // The 'u' flag makes the syntax strict, so PCRE-only constructs (possessive quantifiers, atomic
    // groups, \A, \z, inline (?i)) are refused instead of being read as something else.
    return { ok: true, regex: new RegExp(anchored ? `^(?:${pattern})` : pattern, `${flags}u`) };
  } catch (error) {
    return { ok: false, message: `the regex is not valid: ${(error as Error).message}` };
  }
}

/** As PHP reads it: the first unescaped closing delimiter (brackets nest), not the last one. */
function closingDelimiterAt(entry: string, opening: string, closing: string): number {
  let depth = 0;
  for (let i = 1; i < entry.length; i++) {
    const c = entry.charAt(i);
    if (c === '\\') i++;
    else if (c === closing && depth === 0) return i;
    else if (c === closing) depth--;
    else if (c === opening && opening !== closing) depth++;
  }
  return -1;
}

/** `\#` inside `#...#` means `#`; JavaScript's strict syntax would refuse the escape. */
function unescapeDelimiter(pattern: string, delimiter: string): string {
  if (/[\^$.|?*+()[\]{}/-]/.test(delimiter)) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && pattern.charAt(i + 1) === delimiter) continue;
    if (c === '\\') {
      out += c + pattern.charAt(i + 1);
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Patterns that can backtrack exponentially on a crafted value: a repeated group that itself
 * contains a repetition or an alternation (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`), and back-references.
 * The check is deliberately coarse: refusing a harmless pattern costs the operator a rewrite,
 * accepting a harmful one costs the hub a core.
 */
export function unsafeConstruct(pattern: string): string | undefined {
  type Group = { hasRepetition: boolean; hasAlternation: boolean };
  const stack: Group[] = [{ hasRepetition: false, hasAlternation: false }];
  let lastClosed: Group | undefined;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    const current = stack[stack.length - 1] as Group;
    if (c === '\\') {
      const next = pattern.charAt(i + 1);
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'back-references are not allowed';
      i++;
      lastClosed = undefined;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (lastClosed && quantifier.repeats && (lastClosed.hasRepetition || lastClosed.hasAlternation)) {
        return 'a repeated group must not contain a repetition or an alternation (nested quantifiers backtrack exponentially)';
      }
      if (quantifier.repeats) current.hasRepetition = true;
      i += quantifier.length - 1;
      lastClosed = undefined;
      continue;
    }
    lastClosed = undefined;
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ hasRepetition: false, hasAlternation: false });
    else if (c === '|') current.hasAlternation = true;
    else if (c === ')' && stack.length > 1) {
      const closed = stack.pop() as Group;
      const parent = stack[stack.length - 1] as Group;
      parent.hasRepetition ||= closed.hasRepetition;
      lastClosed = closed;
    }
  }
  return undefined;
}

/** A quantifier starting at `i`: `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (with a lazy `?`). */
function quantifierAt(pattern: string, i: number): { length: number; repeats: boolean } | undefined {
  const c = pattern.charAt(i);
  let length: number;
  let repeats: boolean;
  if (c === '*' || c === '+') {
    length = 1;
    repeats = true;
  } else if (c === '?') {
    length = 1;
    repeats = false;
  } else if (c === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!match) return undefined;
    length = match[0].length;
    const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
    repeats = max > 1;
  } else {
    return undefined;
  }
  if (pattern.charAt(i + length) === '?') length++;
  return { length, repeats };
}
