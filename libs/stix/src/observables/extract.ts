// Pulls the concrete observables out of an indicator's pattern: the values a pattern
// says an object must equal. Taken from every observation, whatever joins them (AND,
// OR, FOLLOWEDBY), because each is a value worth looking up:
// - `path = 'v'` (and the equivalent `path NOT != 'v'`);
// - `path IN ('v1', 'v2')`;
// - `ipv4-addr:value ISSUBSET '10.0.0.0/8'` (and ipv6), which names a CIDR block.
// Negated tests (`!=`, `NOT =`, `NOT IN`) and fuzzy ones (LIKE, MATCHES, <, >) name no
// concrete value and are skipped, as are values that do not normalise.
//
// Object paths that yield observables:
//   ipv4-addr|ipv6-addr|domain-name|url|email-addr|mac-addr:value   -> that type
//   autonomous-system:number                                          -> autonomous-system
//   file|artifact|x509-certificate:hashes.<algorithm>                 -> that type
//   x509-certificate:serial_number                                    -> x509-certificate
//   process:image_ref.hashes.<algorithm>                             -> file
//   file:content_ref, email-message:raw_email_ref,
//   network-traffic:src_payload_ref|dst_payload_ref .hashes.<algorithm> -> artifact
//   network-traffic:src_ref.value|dst_ref.value                       -> ipv4-addr, ipv6-addr,
//                                                                        mac-addr or domain-name, by form
//   email-message:from_ref|sender_ref.value, to_refs|cc_refs|bcc_refs[i].value -> email-addr

import {
  canonicalHashAlgorithmName,
  parsePattern,
  printObjectPath,
  type ComparisonExpression,
  type Constant,
  type ObjectPath,
  type ObservationExpression,
  type Pattern,
  type PathStep,
} from '../pattern';
import { normalizeObservable } from './normalize';
import { uniqueObservables, type Observable, type ObservableType } from './observable';

/** Observables named by a parsed pattern, without repeats, in source order. */
export function extractObservables(ast: Pattern): Observable[] {
  const found: Observable[] = [];
  collectFromObservation(ast.expression, found);
  return uniqueObservables(found);
}

/** Observables of a pattern text; an invalid pattern has none. */
export function observablesFromPattern(pattern: string): Observable[] {
  const result = parsePattern(pattern);
  return result.ok ? extractObservables(result.ast) : [];
}

function collectFromObservation(expression: ObservationExpression, found: Observable[]): void {
  switch (expression.kind) {
    case 'observation':
      collectFromComparison(expression.comparison, found);
      return;
    case 'observation-group':
      collectFromObservation(expression.expression, found);
      return;
    case 'observation-operation':
      for (const operand of expression.operands) collectFromObservation(operand, found);
      return;
  }
}

function collectFromComparison(expression: ComparisonExpression, found: Observable[]): void {
  if (expression.kind === 'comparison-group') {
    collectFromComparison(expression.expression, found);
    return;
  }
  if (expression.kind === 'comparison-operation') {
    for (const operand of expression.operands) collectFromComparison(operand, found);
    return;
  }
  let values: readonly Constant[];
  switch (expression.operator) {
    case '=':
    case '!=':
      // `NOT !=` is an equality too.
      if ((expression.operator === '=') === expression.negated) return;
      values = [expression.value];
      break;
    case 'IN':
      if (expression.negated) return;
      values = expression.values;
      break;
    case 'ISSUBSET':
      if (expression.negated || !isIpAddressValuePath(expression.path)) return;
      values = [expression.value];
      break;
    default:
      return;
  }
  const target = observableTarget(expression.path);
  if (!target) return;
  const path = printObjectPath(expression.path);
  for (const constant of values) {
    const observable = toObservable(target, constant, path);
    if (observable) found.push(observable);
  }
}

/** What a path's values are: a fixed observable type, or an address to classify by form. */
interface ObservableTarget {
  type: ObservableType | 'address';
  hashAlgorithm?: string;
}

const VALUE_TYPES: ReadonlySet<string> = new Set([
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'mac-addr',
]);
const HASHED_TYPES: ReadonlySet<string> = new Set(['file', 'artifact', 'x509-certificate']);
/** References whose target type STIX 2.1 fixes, for `<type>:<ref>.hashes.<algorithm>`. */
const HASHED_REFERENCE_TARGETS: Readonly<Record<string, ObservableType>> = {
  'process:image_ref': 'file',
  'file:content_ref': 'artifact',
  'email-message:raw_email_ref': 'artifact',
  'network-traffic:src_payload_ref': 'artifact',
  'network-traffic:dst_payload_ref': 'artifact',
};
const NETWORK_TRAFFIC_ADDRESS_REFS: ReadonlySet<string> = new Set(['src_ref', 'dst_ref']);
const EMAIL_MESSAGE_SINGLE_REFS: ReadonlySet<string> = new Set(['from_ref', 'sender_ref']);
const EMAIL_MESSAGE_LIST_REFS: ReadonlySet<string> = new Set(['to_refs', 'cc_refs', 'bcc_refs']);

function isIpAddressValuePath(path: ObjectPath): boolean {
  const [first] = path.steps;
  const isValue = path.steps.length === 1 && first?.kind === 'property' && first.name === 'value';
  return isValue && (path.objectType === 'ipv4-addr' || path.objectType === 'ipv6-addr');
}

function isProperty(step: PathStep | undefined, name: string): boolean {
  return step?.kind === 'property' && step.name === name;
}

function observableTarget(path: ObjectPath): ObservableTarget | undefined {
  const { objectType, steps } = path;
  const [first, second, third] = steps;
  if (first?.kind !== 'property') return undefined;

  if (steps.length === 1) {
    if (first.name === 'value' && VALUE_TYPES.has(objectType)) return { type: objectType as ObservableType };
    if (objectType === 'autonomous-system' && first.name === 'number') return { type: 'autonomous-system' };
    if (objectType === 'x509-certificate' && first.name === 'serial_number') return { type: 'x509-certificate' };
    return undefined;
  }

  if (steps.length === 2 && first.name === 'hashes' && second?.kind === 'property' && HASHED_TYPES.has(objectType)) {
    return { type: objectType as ObservableType, hashAlgorithm: canonicalHashAlgorithmName(second.name) };
  }

  if (steps.length === 3 && isProperty(second, 'hashes') && third?.kind === 'property') {
    const type = HASHED_REFERENCE_TARGETS[`${objectType}:${first.name}`];
    return type ? { type, hashAlgorithm: canonicalHashAlgorithmName(third.name) } : undefined;
  }

  if (objectType === 'network-traffic' && steps.length === 2 && isProperty(second, 'value')) {
    return NETWORK_TRAFFIC_ADDRESS_REFS.has(first.name) ? { type: 'address' } : undefined;
  }
  if (objectType === 'email-message') {
    const singleRef = steps.length === 2 && EMAIL_MESSAGE_SINGLE_REFS.has(first.name) && isProperty(second, 'value');
    const listRef =
      steps.length === 3 &&
      EMAIL_MESSAGE_LIST_REFS.has(first.name) &&
      second?.kind !== 'property' &&
      isProperty(third, 'value');
    if (singleRef || listRef) return { type: 'email-addr' };
  }
  return undefined;
}

/** Address types a network-traffic reference may point at, tried in this order. */
const ADDRESS_TYPES: readonly ObservableType[] = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'];

function toObservable(target: ObservableTarget, constant: Constant, path: string): Observable | undefined {
  let raw: string;
  if (constant.kind === 'string') raw = constant.value;
  else if (constant.kind === 'integer' && target.type === 'autonomous-system') raw = constant.text.replace(/^\+/, '');
  else return undefined;

  const candidateTypes = target.type === 'address' ? ADDRESS_TYPES : [target.type];
  for (const type of candidateTypes) {
    const normalized = normalizeObservable(type, raw);
    if ('error' in normalized) continue;
    const observable: Observable = { type: normalized.type, value: normalized.value, path };
    if (target.hashAlgorithm) observable.hashAlgorithm = target.hashAlgorithm;
    return observable;
  }
  return undefined;
}
