// Software (spec 6.14): high-level properties of a software product.
import { z } from 'zod';
import { defineObservable } from '../define';
import { cpeProblem } from '../formats/cpe';
import { describeValue } from '../issues';
import { languageTag, nonEmptyList, reportError } from '../properties';

/** Spec 6.14: `cpe` is a CPE 2.3 entry in the formatted string binding. */
const cpe = z.string().check((payload) => {
  const problem = cpeProblem(payload.value);
  if (problem) reportError(payload, `${problem} (got ${describeValue(payload.value)})`);
});

export const softwareSchema = defineObservable(
  'software',
  {
    name: z.string(),
    cpe: cpe.optional(),
    swid: z.string().optional(),
    languages: nonEmptyList(languageTag).optional(),
    vendor: z.string().optional(),
    version: z.string().optional(),
  },
  {},
);

export type Software = z.infer<typeof softwareSchema>;
