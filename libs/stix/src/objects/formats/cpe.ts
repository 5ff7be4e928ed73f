// CPE 2.3 names in the formatted string binding (NISTIR 7695 section 6.2), as STIX 2.1 asks of software
// `cpe`: "cpe:2.3:" then 11 attributes separated by unescaped colons, 13 components in all.

const PART = /^[aho*-]$/;
// An attribute: `*` (ANY), `-` (NA), or characters from [A-Za-z0-9._-] and backslash-escaped punctuation,
// with `*` or `?` wildcards only at the start or end (`?` may repeat, `*` may not).
const ATTRIBUTE = /^(?:[*-]|(?:\?+|\*)?(?:[A-Za-z0-9._-]|\\[!-/:-@[-`{-~])+(?:\?+|\*)?)$/;
// The language attribute is an RFC 5646 language and region, or ANY/NA.
const LANGUAGE = /^(?:[*-]|[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?)$/;

const ATTRIBUTE_NAMES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'];

/** Splits at colons that are not escaped by a backslash. */
function splitComponents(cpe: string): string[] {
  const components: string[] = [];
  let start = 0;
  for (let index = 0; index < cpe.length; index++) {
    if (cpe[index] === '\\') index++;
    else if (cpe[index] === ':') {
      components.push(cpe.slice(start, index));
      start = index + 1;
    }
  }
  components.push(cpe.slice(start));
  return components;
}

/** Why `cpe` is not a CPE 2.3 formatted string, or undefined when it is one. */
export function cpeProblem(cpe: string): string | undefined {
  const components = splitComponents(cpe);
  if (components[0] !== 'cpe' || components[1] !== '2.3') return 'must be a CPE 2.3 formatted string starting with "cpe:2.3:"';
  if (components.length !== 13) return `must have 13 colon-separated components (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other), not ${components.length}`;
  for (let index = 2; index < 13; index++) {
    const value = components[index];
    const name = ATTRIBUTE_NAMES[index - 2];
    const format = name === 'part' ? PART : name === 'language' ? LANGUAGE : ATTRIBUTE;
    if (!format.test(value)) return `has an invalid ${name} component ${JSON.stringify(value)}`;
  }
  return undefined;
}
