// Prints a pattern AST back to STIX pattern text, in one canonical layout:
// single spaces around operators, `=` and `!=` (never `==` / `<>`), property names quoted
// only when the grammar requires it. Parentheses come from group nodes; where an
// operand would otherwise re-associate (an OR inside an AND, or a chain of the same
// operator nested without a group) the printer adds them so the text always means the
// tree. parsePattern(printPattern(ast)) gives back `ast` for trees the parser produces.

import type {
  Comparison,
  ComparisonExpression,
  Constant,
  ObjectPath,
  ObservationExpression,
  Pattern,
  Qualifier,
} from './ast';
import { isReservedWord } from './lexer';

export function printPattern(pattern: Pattern): string {
  return printObservation(pattern.expression);
}

const OBSERVATION_PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 } as const;
const COMPARISON_PRECEDENCE = { OR: 1, AND: 2 } as const;

export function printObservation(expression: ObservationExpression): string {
  switch (expression.kind) {
    case 'observation':
      return `[${printComparisonExpression(expression.comparison)}]${printQualifiers(expression.qualifiers)}`;
    case 'observation-group':
      return `(${printObservation(expression.expression)})${printQualifiers(expression.qualifiers)}`;
    case 'observation-operation': {
      const precedence = OBSERVATION_PRECEDENCE[expression.operator];
      return expression.operands
        .map((operand) => {
          const text = printObservation(operand);
          const needsParentheses =
            operand.kind === 'observation-operation' && OBSERVATION_PRECEDENCE[operand.operator] <= precedence;
          return needsParentheses ? `(${text})` : text;
        })
        .join(` ${expression.operator} `);
    }
  }
}

function printQualifiers(qualifiers: readonly Qualifier[]): string {
  let text = '';
  for (const qualifier of qualifiers) text += ` ${printQualifier(qualifier)}`;
  return text;
}

export function printQualifier(qualifier: Qualifier): string {
  switch (qualifier.kind) {
    case 'within':
      return `WITHIN ${qualifier.seconds.text} SECONDS`;
    case 'repeats':
      return `REPEATS ${qualifier.times.text} TIMES`;
    case 'start-stop':
      return `START t'${qualifier.start.value}' STOP t'${qualifier.stop.value}'`;
  }
}

export function printComparisonExpression(expression: ComparisonExpression): string {
  switch (expression.kind) {
    case 'comparison':
      return printComparison(expression);
    case 'comparison-group':
      return `(${printComparisonExpression(expression.expression)})`;
    case 'comparison-operation': {
      const precedence = COMPARISON_PRECEDENCE[expression.operator];
      return expression.operands
        .map((operand) => {
          const text = printComparisonExpression(operand);
          const needsParentheses =
            operand.kind === 'comparison-operation' && COMPARISON_PRECEDENCE[operand.operator] <= precedence;
          return needsParentheses ? `(${text})` : text;
        })
        .join(` ${expression.operator} `);
    }
  }
}

export function printComparison(comparison: Comparison): string {
  const path = printObjectPath(comparison.path);
  if (comparison.operator === 'EXISTS') return `EXISTS ${path}`;
  const operator = comparison.negated ? `NOT ${comparison.operator}` : comparison.operator;
  if (comparison.operator === 'IN') {
    return `${path} ${operator} (${comparison.values.map(printConstant).join(', ')})`;
  }
  return `${path} ${operator} ${printConstant(comparison.value)}`;
}

/** `file:extensions.'windows-pebinary-ext'.sections[*].entropy` */
export function printObjectPath(path: ObjectPath): string {
  if (!isObjectTypeName(path.objectType)) {
    throw new Error(`cannot print object type '${path.objectType}': it is not a valid pattern identifier`);
  }
  let text = `${path.objectType}:`;
  path.steps.forEach((step, index) => {
    if (step.kind === 'property') {
      const name = isPlainPropertyName(step.name) ? step.name : quoteString(step.name);
      text += index === 0 ? name : `.${name}`;
    } else {
      text += step.kind === 'index' ? `[${step.index}]` : '[*]';
    }
  });
  return text;
}

export function printConstant(constant: Constant): string {
  switch (constant.kind) {
    case 'string':
      return quoteString(constant.value);
    case 'integer':
    case 'float':
      return constant.text;
    case 'hex':
      return `h'${constant.value}'`;
    case 'binary':
      return `b'${constant.value}'`;
    case 'boolean':
      return constant.value ? 'true' : 'false';
    case 'timestamp':
      return `t'${constant.value}'`;
  }
}

/** A string literal: only `'` and `\` are escaped, the only escapes the grammar has. */
export function quoteString(value: string): string {
  let text = "'";
  for (const char of value) text += char === "'" || char === '\\' ? `\\${char}` : char;
  return `${text}'`;
}

/** Unquoted property names: [a-zA-Z_][a-zA-Z0-9_]* and not a keyword. */
function isPlainPropertyName(name: string): boolean {
  return isIdentifier(name, false) && !isReservedWord(name);
}

/** Object types: [a-zA-Z_][a-zA-Z0-9_-]*, not a keyword (keywords never contain '-'). */
function isObjectTypeName(name: string): boolean {
  return isIdentifier(name, true) && !isReservedWord(name);
}

function isIdentifier(name: string, hyphenAllowed: boolean): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    const digitOrHyphen = (c >= 48 && c <= 57) || (hyphenAllowed && c === 45);
    if (!(letter || (i > 0 && digitOrHyphen))) return false;
  }
  return true;
}
