// Rules on top of the grammar. Errors make a pattern invalid; warnings do not.
//
// Errors:
// - WITHIN 0 SECONDS, REPEATS 0 TIMES;
// - START not strictly before STOP;
// - timestamps that are not real calendar instants (February 30, 10:00:60);
// - `hashes.<algorithm>` compared with =, != or IN to something that is not a hex
//   string of that algorithm's length (as the OASIS validator checks);
// - `ipv4-addr:value` / `ipv6-addr:value` compared with =, !=, IN, ISSUBSET or ISSUPERSET
//   to something that is not an address or CIDR block of that version in any spelling
//   (198.51.100.300), and `mac-addr:value` compared with =, != or IN to something that is
//   no MAC-48 address: spec 6.8-6.10 fix these forms, so such a comparison can never hold.
//   Spellings the hub normalises (010.0.0.1, D2-FB-49-24-37-18) stay valid.
// Warnings:
// - object types, properties and extensions that STIX 2.1 does not define;
// - object type names that break the STIX type-name rules;
// - an empty IN set;
// - a qualifier kind applied more than once to one observation expression (grammatical, and
//   every one must hold, so the narrowest decides).

import type {
  Comparison,
  ComparisonExpression,
  Constant,
  ObjectPath,
  ObservationExpression,
  Pattern,
  Qualifier,
} from './ast';
import { fixedLengthHashAlgorithm, isHexOfLength } from './hashes';
import type { OffsetIssue } from './issues';
import { printConstant } from './print';
import { normalizeObservable } from '../observables/normalize';
import { lookupScoType } from './sco-properties';

const ADDRESS_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', 'IN', 'ISSUBSET', 'ISSUPERSET']);
const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', 'IN']);

/** Observable values whose form the specification fixes, what to call that form, and the operators that compare it. */
const TYPED_VALUES: Readonly<Record<string, { expected: string; operators: ReadonlySet<string> }>> = {
  'ipv4-addr': { expected: 'an IPv4 address or CIDR block', operators: ADDRESS_OPERATORS },
  'ipv6-addr': { expected: 'an IPv6 address or CIDR block', operators: ADDRESS_OPERATORS },
  'mac-addr': { expected: 'a MAC-48 address', operators: EQUALITY_OPERATORS },
};
import { compareTimestamps, timestampProblem } from './timestamps';

export interface SemanticReport {
  errors: OffsetIssue[];
  warnings: OffsetIssue[];
}

export function checkSemantics(pattern: Pattern): SemanticReport {
  const checker = new SemanticChecker();
  checker.checkObservationExpression(pattern.expression);
  return { errors: checker.errors, warnings: checker.warnings };
}

const QUALIFIER_NAMES: Record<Qualifier['kind'], string> = {
  within: 'WITHIN',
  repeats: 'REPEATS',
  'start-stop': 'START/STOP',
};

const CUSTOM_EXTENSION_PREFIX = 'extension-definition--';

class SemanticChecker {
  readonly errors: OffsetIssue[] = [];
  readonly warnings: OffsetIssue[] = [];
  private readonly warned = new Set<string>();

  checkObservationExpression(expression: ObservationExpression): void {
    switch (expression.kind) {
      case 'observation':
        this.checkComparisonExpression(expression.comparison);
        this.checkQualifiers(expression.qualifiers);
        return;
      case 'observation-group':
        this.checkObservationExpression(expression.expression);
        this.checkQualifiers(expression.qualifiers);
        return;
      case 'observation-operation':
        for (const operand of expression.operands) this.checkObservationExpression(operand);
        return;
    }
  }

  private checkQualifiers(qualifiers: readonly Qualifier[]): void {
    if (qualifiers.length === 0) return;
    const seen = new Set<Qualifier['kind']>();
    for (const qualifier of qualifiers) {
      // The grammar lets a qualifier kind repeat (`WITHIN 5 SECONDS WITHIN 6 SECONDS`) and tools
      // write such patterns, so it is accepted: each must hold, which the submitter may not have meant.
      if (seen.has(qualifier.kind)) {
        const name = QUALIFIER_NAMES[qualifier.kind];
        this.warn(qualifier.offset, `${name} is applied more than once to this observation expression: each must hold, so the narrowest decides`);
      }
      seen.add(qualifier.kind);
      this.checkQualifier(qualifier);
    }
  }

  private checkQualifier(qualifier: Qualifier): void {
    switch (qualifier.kind) {
      case 'within':
        if (!(qualifier.seconds.value > 0)) {
          this.error(qualifier.seconds.offset, `WITHIN needs a positive number of seconds, not ${qualifier.seconds.text}`);
        }
        return;
      case 'repeats':
        if (!(qualifier.times.value > 0)) {
          this.error(qualifier.times.offset, `REPEATS needs a positive number of times, not ${qualifier.times.text}`);
        }
        return;
      case 'start-stop': {
        const startProblem = this.checkTimestamp(qualifier.start);
        const stopProblem = this.checkTimestamp(qualifier.stop);
        if (!startProblem && !stopProblem && compareTimestamps(qualifier.start.value, qualifier.stop.value) >= 0) {
          this.error(
            qualifier.start.offset,
            `START t'${qualifier.start.value}' must be before STOP t'${qualifier.stop.value}'`,
          );
        }
        return;
      }
    }
  }

  private checkComparisonExpression(expression: ComparisonExpression): void {
    switch (expression.kind) {
      case 'comparison':
        this.checkComparison(expression);
        return;
      case 'comparison-group':
        this.checkComparisonExpression(expression.expression);
        return;
      case 'comparison-operation':
        for (const operand of expression.operands) this.checkComparisonExpression(operand);
        return;
    }
  }

  private checkComparison(comparison: Comparison): void {
    this.checkObjectPath(comparison.path);
    this.checkTypedValues(comparison);
    switch (comparison.operator) {
      case 'EXISTS':
        return;
      case 'IN':
        if (comparison.values.length === 0) {
          const outcome = comparison.negated ? 'always matches' : 'never matches';
          this.warn(comparison.offset, `the IN set is empty, so this comparison ${outcome}`);
        }
        for (const value of comparison.values) this.checkConstant(value);
        this.checkHashValues(comparison.path, comparison.values);
        return;
      case '=':
      case '!=':
        this.checkConstant(comparison.value);
        this.checkHashValues(comparison.path, [comparison.value]);
        return;
      default:
        this.checkConstant(comparison.value);
    }
  }

  private checkConstant(constant: Constant): void {
    if (constant.kind === 'timestamp') this.checkTimestamp(constant);
  }

  /** Reports a calendar problem; returns true when there was one. */
  private checkTimestamp(constant: { value: string; offset: number }): boolean {
    const problem = timestampProblem(constant.value);
    if (problem) this.error(constant.offset, problem);
    return problem !== undefined;
  }

  /** `...hashes.<algorithm>` compared for equality must hold hex of the right length. */
  private checkHashValues(path: ObjectPath, values: readonly Constant[]): void {
    const steps = path.steps;
    const last = steps[steps.length - 1];
    const parent = steps[steps.length - 2];
    if (last?.kind !== 'property' || parent?.kind !== 'property' || parent.name !== 'hashes') return;
    const algorithm = fixedLengthHashAlgorithm(last.name);
    if (!algorithm) return;
    for (const value of values) {
      if (value.kind === 'string' && isHexOfLength(value.value, algorithm.hexLength)) continue;
      const shown = value.kind === 'string' ? `'${value.value}'` : `the ${value.kind} constant ${printConstant(value)}`;
      this.error(
        value.offset,
        `${shown} is not a valid ${algorithm.name} hash: expected a string of ${algorithm.hexLength} hex digits`,
      );
    }
  }

  /** `<type>:value` of an address observable compared with a constant that cannot be such an address. */
  private checkTypedValues(comparison: Comparison): void {
    const { path } = comparison;
    const typed = TYPED_VALUES[path.objectType];
    const [step] = path.steps;
    if (!typed || path.steps.length !== 1 || step.kind !== 'property' || step.name !== 'value') return;
    if (!typed.operators.has(comparison.operator)) return;
    const values = comparison.operator === 'IN' ? comparison.values : 'value' in comparison ? [comparison.value] : [];
    for (const value of values) {
      if (value.kind === 'string' && !('error' in normalizeObservable(path.objectType, value.value))) continue;
      const shown = value.kind === 'string' ? `'${value.value}'` : `the ${value.kind} constant ${printConstant(value)}`;
      this.error(value.offset, `${shown} is not ${typed.expected}, so ${path.objectType}:value cannot match it`);
    }
  }

  private checkObjectPath(path: ObjectPath): void {
    const sco = lookupScoType(path.objectType);
    if (!sco) {
      const nameProblem = typeNameProblem(path.objectType);
      const suffix = nameProblem ? `; it is also not a valid STIX type name (${nameProblem})` : '';
      this.warn(path.offset, `object type '${path.objectType}' is not defined by STIX 2.1${suffix}`);
      return;
    }
    const [first, second, third] = path.steps;
    if (first?.kind !== 'property') return;
    if (!sco.properties.has(first.name)) {
      this.warn(path.offset, `property '${first.name}' is not defined for '${path.objectType}' by STIX 2.1`);
      return;
    }
    if (first.name !== 'extensions' || second?.kind !== 'property') return;
    const extension = sco.extensions.get(second.name);
    if (!extension) {
      if (!second.name.startsWith(CUSTOM_EXTENSION_PREFIX)) {
        this.warn(path.offset, `extension '${second.name}' is not defined for '${path.objectType}' by STIX 2.1`);
      }
      return;
    }
    if (third?.kind === 'property' && !extension.has(third.name)) {
      this.warn(path.offset, `property '${third.name}' is not defined for extension '${second.name}' by STIX 2.1`);
    }
  }

  private error(offset: number, message: string): void {
    this.errors.push({ offset, message });
  }

  /** Each distinct warning is reported once, at its first occurrence. */
  private warn(offset: number, message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push({ offset, message });
  }
}

/**
 * STIX 2.1 type names: 3 to 250 chars of a-z, 0-9 and '-', no '--'. The grammar accepts
 * more (upper case, '_'), so a breach is only a warning.
 */
function typeNameProblem(type: string): string | undefined {
  if (type.length < 3 || type.length > 250) return 'it must be 3 to 250 characters long';
  for (let i = 0; i < type.length; i++) {
    const c = type.charCodeAt(i);
    const allowed = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
    if (!allowed) return "only a-z, 0-9 and '-' are allowed";
    if (c === 45 && type.charCodeAt(i - 1) === 45) return "'--' is not allowed";
  }
  return undefined;
}
