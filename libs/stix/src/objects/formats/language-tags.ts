// RFC 5646 language tags (spec: `lang`, language-content `contents`, software `languages`). The syntax of
// RFC 5646 section 2.1, with the primary language limited to the 2–3 letter subtags (plus extlang) that the
// IANA subtag registry actually holds: 4-letter and 5–8 letter primary subtags are reserved and never
// registered, so "english" or "Deutsch" are refused although the bare ABNF would let them through.

const ALPHANUM = '[A-Za-z0-9]';
const LANGUAGE = '[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}';
const SCRIPT = '[A-Za-z]{4}';
const REGION = '(?:[A-Za-z]{2}|[0-9]{3})';
const VARIANT = `(?:${ALPHANUM}{5,8}|[0-9]${ALPHANUM}{3})`;
const EXTENSION = `(?:[0-9A-WYZa-wyz](?:-${ALPHANUM}{2,8})+)`;
const PRIVATE_USE = `(?:[xX](?:-${ALPHANUM}{1,8})+)`;
const LANGTAG = `${LANGUAGE}(?:-${SCRIPT})?(?:-${REGION})?(?:-${VARIANT})*(?:-${EXTENSION})*(?:-${PRIVATE_USE})?`;
const TAG = new RegExp(`^(?:${LANGTAG}|${PRIVATE_USE})$`);

/** The grandfathered tags of RFC 5646 section 2.2.8, which do not follow the syntax above. */
const GRANDFATHERED: ReadonlySet<string> = new Set(
  [
    'en-GB-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo', 'i-navajo',
    'i-pwn', 'i-tao', 'i-tay', 'i-tsu', 'sgn-BE-FR', 'sgn-BE-NL', 'sgn-CH-DE', 'art-lojban', 'cel-gaulish',
    'no-bok', 'no-nyn', 'zh-guoyu', 'zh-hakka', 'zh-min', 'zh-min-nan', 'zh-xiang',
  ].map((tag) => tag.toLowerCase()),
);

/** Whether `tag` is a well-formed RFC 5646 language tag such as "en", "pt-BR" or "zh-Hant-TW". */
export function isLanguageTag(tag: string): boolean {
  if (tag.length > 100) return false;
  return TAG.test(tag) ? singletonsAreDistinct(tag) : GRANDFATHERED.has(tag.toLowerCase());
}

/** RFC 5646 2.2.6: each extension singleton appears at most once (before any private-use part). */
function singletonsAreDistinct(tag: string): boolean {
  const seen = new Set<string>();
  const subtags = tag.toLowerCase().split('-');
  for (let index = 1; index < subtags.length; index++) {
    const subtag = subtags[index];
    if (subtag.length !== 1) continue;
    if (subtag === 'x') return true;
    if (seen.has(subtag)) return false;
    seen.add(subtag);
  }
  return true;
}
