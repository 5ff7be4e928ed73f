// Intrusion Set (spec 4.9): adversarial behaviours and resources with common properties, believed to be
// orchestrated by a single organisation.
import { z } from 'zod';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocab, openVocabList, timestamp } from '../properties';
import { ATTACK_MOTIVATION_OV, ATTACK_RESOURCE_LEVEL_OV } from '../vocabularies';

export const intrusionSetSchema = defineDomainObject(
  'intrusion-set',
  {
    name: z.string(),
    description: z.string().optional(),
    aliases: nonEmptyList(z.string()).optional(),
    first_seen: timestamp.optional(),
    last_seen: timestamp.optional(),
    goals: nonEmptyList(z.string()).optional(),
    resource_level: openVocab(ATTACK_RESOURCE_LEVEL_OV).optional(),
    primary_motivation: openVocab(ATTACK_MOTIVATION_OV).optional(),
    secondary_motivations: openVocabList(ATTACK_MOTIVATION_OV).optional(),
  },
  { rules: (intrusionSet) => intrusionSet.requireOrder('first_seen', 'last_seen') },
);

export type IntrusionSet = z.infer<typeof intrusionSetSchema>;
