// Note (spec 4.13): analyst commentary on one or more objects.
import { z } from 'zod';
import { anyObjectRef } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList } from '../properties';

export const noteSchema = defineDomainObject('note', {
  abstract: z.string().optional(),
  content: z.string(),
  authors: nonEmptyList(z.string()).optional(),
  object_refs: nonEmptyList(anyObjectRef),
});

export type Note = z.infer<typeof noteSchema>;
