// Attack Pattern (spec 4.1): a type of TTP describing how adversaries attempt to compromise targets.
import { z } from 'zod';
import { killChainPhase } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList } from '../properties';

export const attackPatternSchema = defineDomainObject('attack-pattern', {
  name: z.string(),
  description: z.string().optional(),
  aliases: nonEmptyList(z.string()).optional(),
  kill_chain_phases: nonEmptyList(killChainPhase).optional(),
});

export type AttackPattern = z.infer<typeof attackPatternSchema>;
