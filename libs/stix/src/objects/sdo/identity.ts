// Identity (spec 4.5): individuals, organisations, groups or classes of them, such as the producers of intel.
import { z } from 'zod';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocab, openVocabList } from '../properties';
import { IDENTITY_CLASS_OV, INDUSTRY_SECTOR_OV } from '../vocabularies';

export const identitySchema = defineDomainObject('identity', {
  name: z.string(),
  description: z.string().optional(),
  roles: nonEmptyList(z.string()).optional(),
  identity_class: openVocab(IDENTITY_CLASS_OV).optional(),
  sectors: openVocabList(INDUSTRY_SECTOR_OV).optional(),
  contact_information: z.string().optional(),
});

export type Identity = z.infer<typeof identitySchema>;
