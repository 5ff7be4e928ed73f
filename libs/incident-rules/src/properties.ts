// Property types of the incident objects that @hub/stix has no export for: identifiers of given types (worded
// for the suite's references), timestamps and bounded numbers; vocabularies and enumerations are @hub/stix's.
import { z } from 'zod';
import { describeValue, isRfc4122Uuid, isStixTimestamp, parseStixId, reportError, withArticle } from '@hub/stix';

export { closedEnum, nonEmptyList, openVocab } from '@hub/stix';

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
