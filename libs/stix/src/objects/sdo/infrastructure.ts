// Infrastructure (spec 4.8): systems, software and services used for some purpose, typically by an adversary.
import { z } from 'zod';
import { killChainPhase } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocabList, timestamp } from '../properties';
import { INFRASTRUCTURE_TYPE_OV } from '../vocabularies';

export const infrastructureSchema = defineDomainObject(
  'infrastructure',
  {
    name: z.string(),
    description: z.string().optional(),
    infrastructure_types: openVocabList(INFRASTRUCTURE_TYPE_OV).optional(),
    aliases: nonEmptyList(z.string()).optional(),
    kill_chain_phases: nonEmptyList(killChainPhase).optional(),
    first_seen: timestamp.optional(),
    last_seen: timestamp.optional(),
  },
  { rules: (infrastructure) => infrastructure.requireOrder('first_seen', 'last_seen') },
);

export type Infrastructure = z.infer<typeof infrastructureSchema>;
