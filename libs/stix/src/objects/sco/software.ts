// Software (spec 6.14): high-level properties of a software product.
import { z } from 'zod';
import { defineObservable } from '../define';
import { nonEmptyList } from '../properties';

export const softwareSchema = defineObservable(
  'software',
  {
    name: z.string(),
    cpe: z.string().optional(),
    swid: z.string().optional(),
    languages: nonEmptyList(z.string()).optional(),
    vendor: z.string().optional(),
    version: z.string().optional(),
  },
  {},
);

export type Software = z.infer<typeof softwareSchema>;
