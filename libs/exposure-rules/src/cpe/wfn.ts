// CPE 2.3 names (NISTIR 7695): the well-formed name (WFN) and its two bindings, the formatted string
// (`cpe:2.3:a:vendor:product:...`) and the URI (`cpe:/a:vendor:product:...`, CPE 2.2 compatible).
//
// A WFN attribute value here is either ANY (`*`), NA (`-`), or a WFN string in the spec's own form:
// lower case, every non-alphanumeric character other than `_` quoted with a backslash (`1\.0\.2`), and
// unquoted `*` / `?` only as wildcards at the start or end. A lone `*` or `-` is never a WFN string (a
// literal hyphen is `\-`), so the sentinels cannot be confused with values.
// Values are lower-cased on the way in: NISTIR 7696 compares names case-insensitively.

export const ANY = '*';
export const NA = '-';

export const WFN_ATTRIBUTES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const;
export type WfnAttribute = (typeof WFN_ATTRIBUTES)[number];
export type Wfn = Record<WfnAttribute, string>;

/** Real CPE names are well under this; the bound keeps error messages, which quote the input, short. */
export const MAX_CPE_LENGTH = 1024;

export type CpeResult = { ok: true; wfn: Wfn } | { ok: false; message: string };

const PLAIN_VALUE = /^[A-Za-z0-9_.-]+$/;
const LANGUAGE = /^[a-z]{2,3}(?:\\-(?:[a-z]{2}|[0-9]{3}))?$/;
const ALPHANUMERIC = /[a-z0-9_]/;
// Printable ASCII punctuation, the characters a WFN may quote.
const PUNCTUATION = /[!-/:-@[-`{-~]/;

function fail(message: string): CpeResult {
  return { ok: false, message };
}

/**
 * Checks the placement rules of NISTIR 7695 section 5.3.2: an unquoted `*` only alone at the start or end,
 * unquoted `?`s only in runs at the start or end, and something besides wildcards unless a `?` run.
 */
function wildcardProblem(value: string): string | undefined {
  let index = 0;
  const chars: { char: string; quoted: boolean }[] = [];
  while (index < value.length) {
    if (value[index] === '\\') {
      chars.push({ char: value[index + 1], quoted: true });
      index += 2;
    } else {
      chars.push({ char: value[index], quoted: false });
      index++;
    }
  }
  let start = 0;
  if (chars[0] && !chars[0].quoted && chars[0].char === '*') start = 1;
  else while (start < chars.length && !chars[start].quoted && chars[start].char === '?') start++;
  let end = chars.length;
  if (end > start && !chars[end - 1].quoted && chars[end - 1].char === '*') end--;
  else while (end > start && !chars[end - 1].quoted && chars[end - 1].char === '?') end--;
  for (let position = start; position < end; position++) {
    const { char, quoted } = chars[position];
    if (!quoted && (char === '*' || char === '?')) return `has a wildcard "${char}" inside the value (wildcards may only start or end it)`;
  }
  if (start === end && value.includes('*')) return 'is only wildcards';
  return undefined;
}

/** One attribute of the formatted string binding into its WFN value (NISTIR 7695 section 6.2.3, unbind_value_fs). */
function unbindFormattedValue(raw: string, attribute: WfnAttribute): string | { problem: string } {
  if (raw === '*') return ANY;
  if (raw === '-') return NA;
  if (raw === '') return { problem: 'is empty' };
  // Most values are plain words and versions: no quoting or wildcards to read character by character.
  if (PLAIN_VALUE.test(raw)) return checkAttribute(raw.toLowerCase().replace(/[.-]/g, '\\$&'), attribute);
  let value = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index].toLowerCase();
    if (char === '\\') {
      const next = raw[index + 1];
      if (next === undefined) return { problem: 'ends with a lone backslash' };
      if (!PUNCTUATION.test(next)) return { problem: `quotes "${next}", which is not punctuation` };
      value += next === '_' ? '_' : `\\${next}`;
      index++;
    } else if (ALPHANUMERIC.test(char)) value += char;
    else if (char === '.' || char === '-') value += `\\${char}`;
    else if (char === '*' || char === '?') value += char;
    else return { problem: `has "${char}", which must be quoted with a backslash` };
  }
  const problem = wildcardProblem(value);
  if (problem) return { problem };
  return checkAttribute(value, attribute);
}


function checkAttribute(value: string, attribute: WfnAttribute): string | { problem: string } {
  if (attribute === 'language' && !LANGUAGE.test(value)) return { problem: 'must be a language tag such as "en" or "en-us"' };
  if (attribute === 'part' && value !== 'a' && value !== 'o' && value !== 'h') return { problem: 'must be "a", "o", "h" or "*"' };
  return value;
}

/** Splits at colons that a backslash does not quote. */
function splitUnquoted(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === separator) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Parses a CPE 2.3 formatted string binding (`cpe:2.3:part:vendor:product:version:...`, 13 components). */
export function parseFormattedString(text: string): CpeResult {
  if (text.length > MAX_CPE_LENGTH) return fail(`is longer than ${MAX_CPE_LENGTH} characters`);
  if (!/^cpe:2\.3:/i.test(text)) return fail('must start with "cpe:2.3:"');
  if (!/^[\x21-\x7e]+$/.test(text)) return fail('must be printable ASCII without spaces');
  const components = splitUnquoted(text, ':');
  if (components.length !== 13) return fail(`must have 13 colon-separated components (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other), not ${components.length}`);
  const wfn = {} as Wfn;
  for (let index = 0; index < WFN_ATTRIBUTES.length; index++) {
    const attribute = WFN_ATTRIBUTES[index];
    const value = unbindFormattedValue(components[index + 2], attribute);
    if (typeof value !== 'string') return fail(`${attribute} ${JSON.stringify(components[index + 2])} ${value.problem}`);
    wfn[attribute] = value;
  }
  return { ok: true, wfn };
}

/** One URI component into its WFN value (NISTIR 7695 section 6.1.3, decode): percent-encoding and %01/%02 wildcards. */
function decodeUriValue(raw: string, attribute: WfnAttribute): string | { problem: string } {
  if (raw === '') return ANY;
  if (raw === '-') return NA;
  let value = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index].toLowerCase();
    if (ALPHANUMERIC.test(char)) value += char;
    else if (char === '.' || char === '-' || char === '~') value += `\\${char}`;
    else if (char === '%') {
      const code = raw.slice(index + 1, index + 3).toLowerCase();
      if (code === '01') value += '?';
      else if (code === '02') value += '*';
      else {
        if (!/^[0-9a-f]{2}$/.test(code)) return { problem: `has a malformed percent-encoding "%${code}"` };
        const decoded = String.fromCharCode(parseInt(code, 16));
        if (!PUNCTUATION.test(decoded)) return { problem: `percent-encodes "${decoded}", which is not punctuation` };
        value += decoded === '_' ? '_' : `\\${decoded}`;
      }
      index += 2;
    } else return { problem: `has "${char}", which must be percent-encoded` };
  }
  const problem = wildcardProblem(value);
  if (problem) return { problem };
  if (attribute === 'language' && !LANGUAGE.test(value)) return { problem: 'must be a language tag such as "en" or "en-us"' };
  if (attribute === 'part' && !['a', 'o', 'h'].includes(value)) return { problem: 'must be "a", "o" or "h"' };
  return value;
}

/** Parses a CPE URI binding (`cpe:/a:vendor:product:version:update:edition:language`), with packed editions. */
export function parseUri(text: string): CpeResult {
  if (text.length > MAX_CPE_LENGTH) return fail(`is longer than ${MAX_CPE_LENGTH} characters`);
  if (!/^cpe:\//i.test(text)) return fail('must start with "cpe:/"');
  if (!/^[\x21-\x7e]+$/.test(text)) return fail('must be printable ASCII without spaces');
  const components = text.slice(5).split(':');
  if (components.length > 7) return fail(`has ${components.length} components after "cpe:/", at most 7 (part:vendor:product:version:update:edition:language)`);
  const wfn = Object.fromEntries(WFN_ATTRIBUTES.map((attribute) => [attribute, ANY])) as Wfn;
  const uriAttributes: WfnAttribute[] = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'];
  for (let index = 0; index < components.length; index++) {
    const attribute = uriAttributes[index];
    const raw = components[index];
    if (attribute === 'edition' && raw.startsWith('~')) {
      // NISTIR 7695 section 6.1.3.3: "~edition~sw_edition~target_sw~target_hw~other".
      const packed = raw.split('~');
      if (packed.length !== 6) return fail(`edition ${JSON.stringify(raw)} is a packed edition, which needs exactly five "~"-separated fields`);
      const packedAttributes: WfnAttribute[] = ['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'];
      for (let field = 0; field < 5; field++) {
        const value = decodeUriValue(packed[field + 1], packedAttributes[field]);
        if (typeof value !== 'string') return fail(`${packedAttributes[field]} ${JSON.stringify(packed[field + 1])} ${value.problem}`);
        wfn[packedAttributes[field]] = value;
      }
      continue;
    }
    const value = decodeUriValue(raw, attribute);
    if (typeof value !== 'string') return fail(`${attribute} ${JSON.stringify(raw)} ${value.problem}`);
    wfn[attribute] = value;
  }
  return { ok: true, wfn };
}

/** Either binding: `cpe:2.3:` formatted strings or `cpe:/` URIs. */
export function parseCpe(text: string): CpeResult {
  if (/^cpe:\//i.test(text)) return parseUri(text);
  return parseFormattedString(text);
}

/** The formatted string binding of a WFN (NISTIR 7695 section 6.2.2, bind_to_fs): `.`, `-` unquoted again. */
export function formatCpe(wfn: Wfn): string {
  const components = WFN_ATTRIBUTES.map((attribute) => {
    const value = wfn[attribute];
    if (value === ANY || value === NA) return value;
    return value.replace(/\\([.\-_])/g, '$1');
  });
  return `cpe:2.3:${components.join(':')}`;
}

/** The value with quoting removed, wildcards kept as they are: `1\.0\.*` → `1.0.*`. */
export function unquote(value: string): string {
  return value.includes('\\') ? value.replace(/\\(.)/g, '$1') : value;
}

/** Whether a WFN string has an unquoted `*` or `?` (which can only be at its ends). */
export function hasWildcards(value: string): boolean {
  if (value === ANY || value === NA) return false;
  const first = value[0];
  if (first === '*' || first === '?') return true;
  const last = value[value.length - 1];
  return (last === '*' || last === '?') && !isQuotedAt(value, value.length - 1);
}

/** Whether the character at `index` is quoted: an odd number of backslashes before it. */
export function isQuotedAt(value: string, index: number): boolean {
  let backslashes = 0;
  for (let position = index - 1; position >= 0 && value[position] === '\\'; position--) backslashes++;
  return backslashes % 2 === 1;
}
