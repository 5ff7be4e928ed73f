// Grouping (spec 4.4): objects asserted to be related to a shared context, without the finality of a report.
import { z } from 'zod';
import { anyObjectRef } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocab } from '../properties';
import { GROUPING_CONTEXT_OV } from '../vocabularies';

export const groupingSchema = defineDomainObject('grouping', {
  name: z.string().optional(),
  description: z.string().optional(),
  context: openVocab(GROUPING_CONTEXT_OV),
  object_refs: nonEmptyList(anyObjectRef),
});

export type Grouping = z.infer<typeof groupingSchema>;
