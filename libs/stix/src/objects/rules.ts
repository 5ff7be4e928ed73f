// Object-level rules: constraints between properties ("valid_until after valid_from", "one of payload_bin or
// url") that zod's per-property schemas cannot express. They run even when some properties are invalid, so
// they read values defensively through RuleContext and only compare values that are themselves valid.
import type { z } from 'zod';
import { compareStixTimestamps, isStixTimestamp } from '../timestamps';
import { WARNING_PARAMS } from './issues';
import { isRecord } from './properties';

type Path = PropertyKey | readonly PropertyKey[];

/** Lets an object-level check run even after a property failed, so all errors are reported together. */
export const ALWAYS = { when: () => true } as const;

export class RuleContext {
  constructor(
    readonly object: Readonly<Record<string, unknown>>,
    private readonly refinement: z.core.$RefinementCtx<unknown>,
  ) {}

  error(path: Path, message: string): void {
    this.refinement.addIssue({ code: 'custom', message, path: toPath(path), input: this.object });
  }

  warning(path: Path, message: string): void {
    this.refinement.addIssue({ code: 'custom', message, path: toPath(path), input: this.object, params: WARNING_PARAMS });
  }

  has(key: string): boolean {
    return this.object[key] !== undefined;
  }

  string(key: string): string | undefined {
    const value = this.object[key];
    return typeof value === 'string' ? value : undefined;
  }

  number(key: string): number | undefined {
    const value = this.object[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  /** A finite number that is not negative: the only kind a consistency rule between counts may use. */
  amount(key: string): number | undefined {
    const value = this.number(key);
    return value !== undefined && value >= 0 ? value : undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = this.object[key];
    return typeof value === 'boolean' ? value : undefined;
  }

  record(key: string): Record<string, unknown> | undefined {
    const value = this.object[key];
    return isRecord(value) ? value : undefined;
  }

  list(key: string): readonly unknown[] | undefined {
    const value = this.object[key];
    return Array.isArray(value) ? value : undefined;
  }

  /** The value of `key` when it is a valid STIX timestamp. */
  timestamp(key: string): string | undefined {
    const value = this.object[key];
    return isStixTimestamp(value) ? value : undefined;
  }

  /**
   * `later` must not precede `earlier` (or, with `strictly`, must come after it). Reported on `later`,
   * quoting the value it was compared with.
   */
  requireOrder(earlier: string, later: string, strictly = false): void {
    const from = this.timestamp(earlier);
    const to = this.timestamp(later);
    if (from === undefined || to === undefined) return;
    const order = compareStixTimestamps(to, from);
    if (strictly && order <= 0) this.error(later, `must be later than ${earlier} (${from})`);
    else if (!strictly && order < 0) this.error(later, `must be later than or equal to ${earlier} (${from})`);
  }

  requireAtLeastOne(keys: readonly string[]): void {
    if (!keys.some((key) => this.has(key))) this.error([], `must have at least one of ${keys.join(', ')}`);
  }

  /** Exactly one of `keys` is present. */
  requireExactlyOne(keys: readonly string[]): void {
    const present = keys.filter((key) => this.has(key));
    if (present.length === 0) this.error([], `must have one of ${keys.join(' or ')}`);
    else if (present.length > 1) this.error(present[1], `must not be present together with ${present[0]}`);
  }

  /** `dependent` may only appear when `required` does. */
  requirePresenceFor(dependent: string, required: string): void {
    if (this.has(dependent) && !this.has(required)) this.error(required, `is required when ${dependent} is present`);
  }

  /** For shapes defined outside STIX 2.1 (extensions): properties they do not define draw a warning. */
  warnAboutUnknownKeys(known: ReadonlySet<string>, what: string): void {
    for (const key of Object.keys(this.object)) {
      if (!known.has(key)) this.warning(key, `unknown property of ${what}`);
    }
  }
}

function toPath(path: Path): PropertyKey[] {
  return Array.isArray(path) ? [...(path as readonly PropertyKey[])] : [path as PropertyKey];
}

export type ObjectRule = (context: RuleContext) => void;
