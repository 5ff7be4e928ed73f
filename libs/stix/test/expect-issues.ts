// Assertions shared by the STIX specs: an object is valid, or has exactly this error or warning.
import type { StixIssue } from '../src/objects/issues';
import { validateObject, type ValidationResult } from '../src/objects/validate';

export function expectValid(object: unknown): ValidationResult {
  const result = validateObject(object);
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

/** Valid, and without a single warning either. */
export function expectClean(object: unknown): void {
  const result = expectValid(object);
  expect(result.warnings).toEqual([]);
}

export function expectError(object: unknown, issue: StixIssue): ValidationResult {
  const result = validateObject(object);
  expect(result.errors).toContainEqual(issue);
  expect(result.ok).toBe(false);
  return result;
}

export function expectWarning(object: unknown, issue: StixIssue): ValidationResult {
  const result = validateObject(object);
  expect(result.warnings).toContainEqual(issue);
  return result;
}

/** One rule broken: a description, the offending object, and the issue it must produce. */
export type IssueCase = [description: string, object: Record<string, unknown>, issue: StixIssue];
