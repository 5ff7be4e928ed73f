// Opinion (spec 4.15): an assessment of the correctness of the information in other objects.
import { z } from 'zod';
import { anyObjectRef } from '../common';
import { defineDomainObject } from '../define';
import { closedEnum, nonEmptyList } from '../properties';
import { OPINION_ENUM } from '../vocabularies';

export const opinionSchema = defineDomainObject('opinion', {
  explanation: z.string().optional(),
  authors: nonEmptyList(z.string()).optional(),
  opinion: closedEnum(OPINION_ENUM, 'opinion-enum'),
  object_refs: nonEmptyList(anyObjectRef),
});

export type Opinion = z.infer<typeof opinionSchema>;
