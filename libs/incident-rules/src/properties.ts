// Property types shared by the incident objects: identifiers of a given type, timestamps, bounded integers,
// open vocabularies and closed enumerations, worded as @hub/stix words its own.
import { z } from 'zod';
import { isRfc4122Uuid, isStixTimestamp, parseStixId, type OpenVocabulary } from '@hub/stix';
import { describeValue, reportError, reportWarning, withArticle } from './issues';

export const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/** A STIX identifier; with `types`, of an object of one of them. */
export function identifier(...types: string[]) {
  return z.string().check((payload) => {
    const parsed = parseStixId(payload.value);
    if (!parsed || !isRfc4122Uuid(parsed.uuid)) {
      reportError(payload, `must be a STIX identifier of the form <object-type>--<UUID> (got ${describeValue(payload.value)})`);
    } else if (types.length > 0 && !types.includes(parsed.type)) {
      reportError(payload, `must reference ${types.map(withArticle).join(' or ')}, not ${withArticle(parsed.type)}`);
    }
  });
}

export const timestamp = z.string().check((payload) => {
  if (!isStixTimestamp(payload.value)) {
    reportError(payload, `must be a STIX timestamp such as 2016-05-12T08:17:27.000Z (got ${describeValue(payload.value)})`);
  }
});

const integer = z.int({
  error: (issue) => (issue.code === 'invalid_type' && issue.input !== undefined ? `must be an integer (got ${describeValue(issue.input)})` : undefined),
});

export const nonNegativeInteger = integer.min(0);
/** The suite's 0–100 scales: criticality, priority, availability_impact. */
export const percentage = integer.min(0).max(100);
export const nonNegativeNumber = z.number().min(0);

export function openVocab(vocabulary: OpenVocabulary) {
  return z.string().check((payload) => {
    if (!vocabulary.values.has(payload.value)) reportWarning(payload, `${describeValue(payload.value)} is not in ${vocabulary.name}`);
  });
}

export function closedEnum<const T extends readonly [string, ...string[]]>(values: T, name: string) {
  const allowed = values.map((value) => JSON.stringify(value)).join(', ');
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${name}: ${allowed} (got ${describeValue(issue.input)})`),
  });
}
