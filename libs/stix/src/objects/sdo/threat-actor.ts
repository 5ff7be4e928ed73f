// Threat Actor (spec 4.17): individuals, groups or organisations believed to operate with malicious intent.
import { z } from 'zod';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocab, openVocabList, timestamp } from '../properties';
import {
  ATTACK_MOTIVATION_OV,
  ATTACK_RESOURCE_LEVEL_OV,
  THREAT_ACTOR_ROLE_OV,
  THREAT_ACTOR_SOPHISTICATION_OV,
  THREAT_ACTOR_TYPE_OV,
} from '../vocabularies';

export const threatActorSchema = defineDomainObject(
  'threat-actor',
  {
    name: z.string(),
    description: z.string().optional(),
    threat_actor_types: openVocabList(THREAT_ACTOR_TYPE_OV).optional(),
    aliases: nonEmptyList(z.string()).optional(),
    first_seen: timestamp.optional(),
    last_seen: timestamp.optional(),
    roles: openVocabList(THREAT_ACTOR_ROLE_OV).optional(),
    goals: nonEmptyList(z.string()).optional(),
    sophistication: openVocab(THREAT_ACTOR_SOPHISTICATION_OV).optional(),
    resource_level: openVocab(ATTACK_RESOURCE_LEVEL_OV).optional(),
    primary_motivation: openVocab(ATTACK_MOTIVATION_OV).optional(),
    secondary_motivations: openVocabList(ATTACK_MOTIVATION_OV).optional(),
    personal_motivations: openVocabList(ATTACK_MOTIVATION_OV).optional(),
  },
  { rules: (actor) => actor.requireOrder('first_seen', 'last_seen') },
);

export type ThreatActor = z.infer<typeof threatActorSchema>;
