import { Tlp } from '@hub/access';
import { CYBER_OBSERVABLE_TYPES, META_TYPES, SDO_TYPES, SRO_TYPES } from '@hub/stix';

/** The feed filters of the API contract, already validated and normalised. */
export interface ObjectFilter {
  types?: string[];
  tlp?: Tlp[];
  since?: Date;
  until?: Date;
  labels?: string[];
  sourceOrganizationId?: string;
  /** Member sectors (see docs/sharing.md, "Feed filters"): of the source, or of an anonymous object's pseudonym. */
  sectors?: string[];
  search?: string;
  observable?: { type: string; value: string };
  revoked?: boolean;
  /** Objects that name an observable of one of these types (exports). */
  observableTypes?: string[];
  /** Leave out objects with an observable on a warn warninglist (hits stored by libs/intel). */
  excludeWarned?: boolean;
  /** Leave out indicators whose stored score (libs/intel's indicator_score) is below this; other objects stay. */
  minScore?: number;
  /** Leave out indicators whose score has decayed to 0; other objects stay. */
  excludeDecayed?: boolean;
}

/** Why a minimum score cannot be used, or undefined: scores are integers from 0 to 100. */
export function minScoreProblem(value: number): string | undefined {
  return Number.isInteger(value) && value >= 0 && value <= 100 ? undefined : `must be an integer from 0 to 100 (got ${value})`;
}

const STORED_TYPES: readonly string[] = [...SDO_TYPES, ...SRO_TYPES, ...CYBER_OBSERVABLE_TYPES, ...META_TYPES];

/**
 * Why a type name cannot be filtered on, or undefined when it can: a STIX 2.1 object type, or a
 * custom one (x-…). Anything else would only ever answer an empty feed, which looks like "nothing
 * was shared" rather than "you mistyped"; so it is refused, with the nearest STIX type when one is close.
 */
export function unknownTypeMessage(type: string): string | undefined {
  if (STORED_TYPES.includes(type) || type.startsWith('x-')) return undefined;
  const suggestion = nearestType(type);
  const hint = suggestion ? `did you mean ${suggestion}?` : 'custom object types start with x-';
  return `"${type}" is not a STIX 2.1 object type: ${hint}`;
}

/** The STIX type within a few typing mistakes of `type` (edit distance at most 2, or 3 for long names). */
function nearestType(type: string): string | undefined {
  const allowed = type.length > 8 ? 3 : 2;
  let best: { type: string; distance: number } | undefined;
  for (const candidate of STORED_TYPES) {
    const distance = editDistance(type, candidate);
    if (distance <= allowed && (!best || distance < best.distance)) best = { type: candidate, distance };
  }
  return best?.type;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
