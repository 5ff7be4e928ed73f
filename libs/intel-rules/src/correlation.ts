// Correlation: two objects are related when they name the same observable. The pure rules here decide
// the key two observables share, whether an address sits inside a shared block, which values the
// operator excluded, and when a value is too common to mean anything.

import { z } from 'zod';
import { isObservableType, normalizeObservable, type ObservableType } from '@hub/stix';
import { blockContains, parseIpBlock } from './ip';
import { commonIssueMessage, formatPath, type Issue } from './issues';

/**
 * `type:value`, with the value in its canonical spelling (normalizeObservable of @hub/stix), so
 * `2001:DB8::1` and `2001:db8:0::1` share a key. A hash correlates whatever holds it: `file` and
 * `artifact` share the `file:` keys (the same digest is the same content).
 */
export type CorrelationKeyResult = { key: string; type: ObservableType; value: string } | { error: string };

export function correlationKey(type: string, value: string): CorrelationKeyResult {
  const normalized = normalizeObservable(type, value);
  if ('error' in normalized) return normalized;
  const keyType = normalized.type === 'artifact' ? 'file' : normalized.type;
  return { key: `${keyType}:${normalized.value}`, type: normalized.type, value: normalized.value };
}

/**
 * Whether two address values correlate through containment: one is an address or block inside the
 * other (`10.20.3.4` and `10.20.0.0/16`), same family. Equal values correlate too. In SQL the same
 * test is `a::inet <<= b::inet OR b::inet <<= a::inet`.
 */
export function addressesCorrelate(a: string, b: string): boolean {
  const blockA = parseIpBlock(a);
  const blockB = parseIpBlock(b);
  if (!blockA || !blockB) return false;
  return blockContains(blockA, blockB) || blockContains(blockB, blockA);
}

/** The shared blocks (as given) that contain `address`; empty when it is no address. */
export function blocksContaining(address: string, blocks: readonly string[]): string[] {
  const inner = parseIpBlock(address);
  if (!inner) return [];
  return blocks.filter((block) => {
    const outer = parseIpBlock(block);
    return outer !== undefined && blockContains(outer, inner);
  });
}

/**
 * MISP's default for "a value found in more events than this correlates with nothing"; past it a
 * correlation is noise (a CDN address, a common library hash) and costs rows for every new object.
 */
export const DEFAULT_OVER_CORRELATION_LIMIT = 20;

/** A value found in more objects than `limit` is over-correlating: stored, counted, not linked. */
export function isOverCorrelating(objectCount: number, limit: number = DEFAULT_OVER_CORRELATION_LIMIT): boolean {
  return objectCount > limit;
}

// ---------------------------------------------------------------------------------------------------
// The operator's exclusion list: values that never correlate (a partner's mail relay, `*.windowsupdate.com`).

export interface CorrelationExclusion {
  /** Exact text, or a pattern where `*` is any run of characters and `?` one character. */
  value: string;
  /** Only this observable type; every type when absent. */
  type?: ObservableType;
  comment?: string;
}

export type ExclusionIssue = Issue;

const MAX_EXCLUSION_LENGTH = 1000;

const exclusionSchema = z.strictObject({
  value: z
    .string()
    .trim()
    .min(1, 'an exclusion is not empty')
    .max(MAX_EXCLUSION_LENGTH, `an exclusion is at most ${MAX_EXCLUSION_LENGTH} characters`)
    .refine((value) => value === '' || /[^*?]/.test(value), 'an exclusion made only of wildcards would exclude every value'),
  type: z.string().refine(isObservableType, 'must be an observable type such as ipv4-addr or domain-name').optional(),
  comment: z.string().optional(),
});

export type ExclusionsResult = { ok: true; exclusions: CorrelationExclusion[] } | { ok: false; errors: ExclusionIssue[] };

/** Validates the operator's list; errors name the entry (`[3].value`) and the reason. */
export function parseExclusions(input: unknown): ExclusionsResult {
  const parsed = z.array(exclusionSchema).safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: commonIssueMessage(issue, input) ?? issue.message,
      })),
    };
  }
  return { ok: true, exclusions: parsed.data as CorrelationExclusion[] };
}

export interface ExclusionMatcher {
  /** The first exclusion (in list order) that covers the canonical `value` of `type`, if any. */
  excluded(type: ObservableType, value: string): CorrelationExclusion | undefined;
}

/**
 * Exact entries go in a hash map, patterns are tried in turn. Comparison ignores case: canonical
 * values are lower case except a few hash spellings (SSDEEP), where an operator would not rely on case.
 */
export function compileExclusions(exclusions: readonly CorrelationExclusion[]): ExclusionMatcher {
  const exact = new Map<string, { index: number; exclusion: CorrelationExclusion }[]>();
  const patterns: { index: number; exclusion: CorrelationExclusion; pattern: string }[] = [];
  exclusions.forEach((exclusion, index) => {
    const text = exclusion.value.trim().toLowerCase();
    if (text.includes('*') || text.includes('?')) patterns.push({ index, exclusion, pattern: text });
    else exact.set(text, [...(exact.get(text) ?? []), { index, exclusion }]);
  });
  const appliesTo = (exclusion: CorrelationExclusion, type: ObservableType): boolean => exclusion.type === undefined || exclusion.type === type;
  return {
    excluded(type, value) {
      const text = value.toLowerCase();
      let best: { index: number; exclusion: CorrelationExclusion } | undefined = exact.get(text)?.find((entry) => appliesTo(entry.exclusion, type));
      for (const entry of patterns) {
        if (best && entry.index > best.index) break;
        if (appliesTo(entry.exclusion, type) && wildcardMatch(entry.pattern, text)) {
          best = entry;
          break;
        }
      }
      return best?.exclusion;
    },
  };
}

/**
 * `*` any run (possibly empty), `?` exactly one character, everything else literal. Greedy with one
 * remembered star: O(pattern × text) at worst, never exponential (a regex built from the pattern
 * could be, with several stars).
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === 63 || c === text.charCodeAt(t)) && c !== 42) {
      p++;
      t++;
    } else if (p < pattern.length && c === 42) {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}
