// Report (spec 4.16): a published collection of threat intelligence about one or more topics.
import { z } from 'zod';
import { anyObjectRef } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocabList, timestamp } from '../properties';
import { REPORT_TYPE_OV } from '../vocabularies';

export const reportSchema = defineDomainObject('report', {
  name: z.string(),
  description: z.string().optional(),
  report_types: openVocabList(REPORT_TYPE_OV).optional(),
  published: timestamp,
  object_refs: nonEmptyList(anyObjectRef),
});

export type Report = z.infer<typeof reportSchema>;
