// Typed syntax tree of a STIX 2.1 pattern (grammar STIXPattern.g4 of the OASIS CTI TC).
//
// Every node carries `offset`: the 0-based index in the source string where the
// node's first token starts. Issues are reported as line/column, computed from it.
//
// Chains of one operator are flattened into one node with `operands` (the grammar's
// operators are all left-associative and associative in meaning), so
// `[a] AND [b] AND [c]` is one AND node with three operands. Parentheses are kept
// as group nodes: they matter for qualifiers (`([a] WITHIN 5 SECONDS) WITHIN 9 SECONDS`)
// and let the printer reproduce the source structure.

export interface Pattern {
  kind: 'pattern';
  expression: ObservationExpression;
}

// ---------------------------------------------------------------------------
// Observation level: [ ... ] blocks combined with AND / OR / FOLLOWEDBY.

export type ObservationExpression = Observation | ObservationGroup | ObservationOperation;

/** `[ comparisonExpression ]` followed by zero or more qualifiers. */
export interface Observation {
  kind: 'observation';
  comparison: ComparisonExpression;
  qualifiers: Qualifier[];
  offset: number;
}

/** `( observationExpressions )` followed by zero or more qualifiers. */
export interface ObservationGroup {
  kind: 'observation-group';
  expression: ObservationExpression;
  qualifiers: Qualifier[];
  offset: number;
}

/** Precedence, loosest first: FOLLOWEDBY, OR, AND. */
export type ObservationOperator = 'FOLLOWEDBY' | 'OR' | 'AND';

export interface ObservationOperation {
  kind: 'observation-operation';
  operator: ObservationOperator;
  /** Two or more operands, in source order. */
  operands: ObservationExpression[];
  offset: number;
}

// ---------------------------------------------------------------------------
// Qualifiers, applied to an observation or a parenthesised group.

export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

export interface WithinQualifier {
  kind: 'within';
  seconds: IntegerConstant | FloatConstant;
  offset: number;
}

export interface RepeatsQualifier {
  kind: 'repeats';
  times: IntegerConstant;
  offset: number;
}

export interface StartStopQualifier {
  kind: 'start-stop';
  start: TimestampConstant;
  stop: TimestampConstant;
  offset: number;
}

// ---------------------------------------------------------------------------
// Comparison level: inside one [ ... ] block.

export type ComparisonExpression = Comparison | ComparisonGroup | ComparisonOperation;

/** `( comparisonExpression )` */
export interface ComparisonGroup {
  kind: 'comparison-group';
  expression: ComparisonExpression;
  offset: number;
}

/** Precedence, loosest first: OR, AND. */
export type ComparisonOperator = 'OR' | 'AND';

export interface ComparisonOperation {
  kind: 'comparison-operation';
  operator: ComparisonOperator;
  /** Two or more operands, in source order. */
  operands: ComparisonExpression[];
  offset: number;
}

export type Comparison =
  | EqualityComparison
  | OrderingComparison
  | StringMatchComparison
  | SetComparison
  | ExistsComparison;

export type EqualityOperator = '=' | '!=';
export type OrderingOperator = '<' | '<=' | '>' | '>=';
export type StringMatchOperator = 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

interface ComparisonBase {
  kind: 'comparison';
  path: ObjectPath;
  offset: number;
}

/** `path [NOT] = value`, `path [NOT] != value`; `==` is read as `=` and `<>` as `!=`. */
export interface EqualityComparison extends ComparisonBase {
  operator: EqualityOperator;
  negated: boolean;
  value: Constant;
}

/** `path [NOT] < value` etc.; booleans cannot be ordered. */
export interface OrderingComparison extends ComparisonBase {
  operator: OrderingOperator;
  negated: boolean;
  value: OrderableConstant;
}

/** `path [NOT] LIKE|MATCHES|ISSUBSET|ISSUPERSET 'string'` */
export interface StringMatchComparison extends ComparisonBase {
  operator: StringMatchOperator;
  negated: boolean;
  value: StringConstant;
}

/** `path [NOT] IN (v1, v2, ...)`; the grammar allows the empty set `()`. */
export interface SetComparison extends ComparisonBase {
  operator: 'IN';
  negated: boolean;
  values: Constant[];
}

/** `EXISTS path`; the grammar has no `NOT EXISTS`. */
export interface ExistsComparison extends ComparisonBase {
  operator: 'EXISTS';
  negated: false;
}

// ---------------------------------------------------------------------------
// Object paths: `type:property.sub[0].'quoted-key'[*]`

export interface ObjectPath {
  /** The SCO type, e.g. `file`, `ipv4-addr`, `x-custom-thing`. */
  objectType: string;
  /** The first step is always a property; quoting in the source is not kept. */
  steps: PathStep[];
  offset: number;
}

export type PathStep = PropertyStep | IndexStep | AnyIndexStep;

export interface PropertyStep {
  kind: 'property';
  name: string;
}

/** `[3]` or `[-1]` */
export interface IndexStep {
  kind: 'index';
  index: number;
}

/** `[*]` */
export interface AnyIndexStep {
  kind: 'any-index';
}

// ---------------------------------------------------------------------------
// Constants

export type Constant =
  | StringConstant
  | IntegerConstant
  | FloatConstant
  | HexConstant
  | BinaryConstant
  | BooleanConstant
  | TimestampConstant;

/** Constants allowed after `<`, `<=`, `>`, `>=` (all but booleans). */
export type OrderableConstant = Exclude<Constant, BooleanConstant>;

/** `'text'` with the escapes `\'` and `\\` already resolved in `value`. */
export interface StringConstant {
  kind: 'string';
  value: string;
  offset: number;
}

/** `42`, `+42`, `-7`; `text` is the literal as written (exact even beyond 2^53). */
export interface IntegerConstant {
  kind: 'integer';
  value: number;
  text: string;
  offset: number;
}

/** `1.5`, `-.25`, `+0.0`; `text` is the literal as written. */
export interface FloatConstant {
  kind: 'float';
  value: number;
  text: string;
  offset: number;
}

/** `h'ff00'`; `value` holds the hex digits as written (an even number, maybe none). */
export interface HexConstant {
  kind: 'hex';
  value: string;
  offset: number;
}

/** `b'SGVsbG8='`; `value` holds the base64 text as written. */
export interface BinaryConstant {
  kind: 'binary';
  value: string;
  offset: number;
}

/** `true` / `false` (lower case only). */
export interface BooleanConstant {
  kind: 'boolean';
  value: boolean;
  offset: number;
}

/** `t'2016-06-01T01:30:00.123Z'`; `value` is the text between the quotes. */
export interface TimestampConstant {
  kind: 'timestamp';
  value: string;
  offset: number;
}
