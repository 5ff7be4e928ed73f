// CPE name matching (NISTIR 7696): attribute comparison (section 6.1, table 6-2), name comparison
// (section 6.2, CPE_SUPERSET / CPE_SUBSET / CPE_EQUAL / CPE_DISJOINT), and the stricter rule the hub uses
// to say an advisory's CPE covers a declared one.
import { ANY, NA, WFN_ATTRIBUTES, hasWildcards, isQuotedAt, unquote, type Wfn, type WfnAttribute } from './wfn';

export type AttributeRelation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED';

/**
 * NISTIR 7696 compare(source, target) for one attribute. Wildcards count only in the source; a target with
 * wildcards gives UNDEFINED (table 6-2 rows 4, 8, 13 and 17).
 */
export function compareAttribute(source: string, target: string): AttributeRelation {
  if (hasWildcards(target)) return 'UNDEFINED';
  if (source === target) return 'EQUAL';
  if (source === ANY) return 'SUPERSET';
  if (target === ANY) return 'SUBSET';
  if (target === NA || source === NA) return 'DISJOINT';
  return hasWildcards(source) && wildcardsMatch(source, target) ? 'SUPERSET' : 'DISJOINT';
}

/**
 * NISTIR 7696 compare_strings: the source's literal middle must occur in the target, with at most as many
 * characters before it as leading `?`s (any number after a leading `*`), and likewise after it. As in the
 * specification's pseudocode, a `?` matches one character or none.
 */
function wildcardsMatch(source: string, target: string): boolean {
  let begins = 0;
  let start = 0;
  if (source[0] === '*') {
    begins = -1;
    start = 1;
  } else while (source[start] === '?') {
    begins++;
    start++;
  }
  let ends = 0;
  let end = source.length;
  if (source[end - 1] === '*' && end - 1 >= start && !isQuotedAt(source, end - 1)) {
    ends = -1;
    end--;
  } else while (end > start && source[end - 1] === '?' && !isQuotedAt(source, end - 1)) {
    ends++;
    end--;
  }
  const middle = unquote(source.slice(start, end));
  const literal = unquote(target);
  for (let index = literal.indexOf(middle); index !== -1; index = literal.indexOf(middle, index + 1)) {
    if (begins !== -1 && index > begins) return false;
    const leftover = literal.length - index - middle.length;
    if (ends !== -1 && leftover > ends) continue;
    return true;
  }
  return false;
}

export type NameRelation = 'EQUAL' | 'SUPERSET' | 'SUBSET' | 'DISJOINT' | 'UNDEFINED' | 'NONE';

export interface NameComparison {
  relation: NameRelation;
  attributes: Record<WfnAttribute, AttributeRelation>;
}

/**
 * NISTIR 7696 CPE_Name_Compare, folded into one answer: DISJOINT when any attribute is (CPE_DISJOINT);
 * UNDEFINED when any attribute is undefined; EQUAL when all are (CPE_EQUAL); SUPERSET when all are SUPERSET or
 * EQUAL (CPE_SUPERSET); SUBSET likewise (CPE_SUBSET); NONE when SUPERSET and SUBSET attributes are mixed, for
 * which none of the specification's four name relations holds.
 */
export function compareNames(source: Wfn, target: Wfn): NameComparison {
  const attributes = {} as Record<WfnAttribute, AttributeRelation>;
  let superset = false;
  let subset = false;
  let disjoint = false;
  let undefinedRelation = false;
  for (const attribute of WFN_ATTRIBUTES) {
    const relation = compareAttribute(source[attribute], target[attribute]);
    attributes[attribute] = relation;
    if (relation === 'SUPERSET') superset = true;
    else if (relation === 'SUBSET') subset = true;
    else if (relation === 'DISJOINT') disjoint = true;
    else if (relation === 'UNDEFINED') undefinedRelation = true;
  }
  const relation: NameRelation = disjoint ? 'DISJOINT' : undefinedRelation ? 'UNDEFINED' : superset && subset ? 'NONE' : superset ? 'SUPERSET' : subset ? 'SUBSET' : 'EQUAL';
  return { relation, attributes };
}

export type CpeCoverage = { covered: true } | { covered: false; reason: string };

/**
 * Whether an advisory's CPE names the declared (inventory) CPE or a set that contains it. The hub's rule,
 * stricter than CPE_SUPERSET alone so that a loose name on either side cannot make a match:
 * - the advisory names part, vendor and product outright: no ANY, NA or wildcard there (an advisory for
 *   `cpe:2.3:a:*:openssl:...` would otherwise cover every vendor's "openssl");
 * - the declared CPE names part, vendor and product outright too (a declared `*` vendor would be a SUBSET);
 * - every attribute is EQUAL or advisory-SUPERSET (NISTIR 7696 CPE_SUPERSET or CPE_EQUAL); any SUBSET,
 *   DISJOINT or UNDEFINED attribute, and so any mix of SUBSET and SUPERSET, is no match.
 * `ignoreVersion` leaves the version out, for advisories that give it as a separate range.
 */
export function advisoryCpeCovers(advisory: Wfn, declared: Wfn, ignoreVersion = false): CpeCoverage {
  for (const attribute of ['part', 'vendor', 'product'] as const) {
    if (!isLiteral(advisory[attribute])) return { covered: false, reason: `the advisory's ${attribute} is not a literal value` };
    if (!isLiteral(declared[attribute])) return { covered: false, reason: `the declared ${attribute} is not a literal value` };
  }
  for (const attribute of WFN_ATTRIBUTES) {
    if (ignoreVersion && attribute === 'version') continue;
    const relation = compareAttribute(advisory[attribute], declared[attribute]);
    if (relation !== 'EQUAL' && relation !== 'SUPERSET') return { covered: false, reason: `${attribute} is ${relation}` };
  }
  return { covered: true };
}

function isLiteral(value: string): boolean {
  return value !== ANY && value !== NA && !hasWildcards(value);
}
