// Tool (spec 4.18): legitimate software that threat actors can use to perform attacks.
import { z } from 'zod';
import { killChainPhase } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList, openVocabList } from '../properties';
import { TOOL_TYPE_OV } from '../vocabularies';

export const toolSchema = defineDomainObject('tool', {
  name: z.string(),
  description: z.string().optional(),
  tool_types: openVocabList(TOOL_TYPE_OV).optional(),
  aliases: nonEmptyList(z.string()).optional(),
  kill_chain_phases: nonEmptyList(killChainPhase).optional(),
  tool_version: z.string().optional(),
});

export type Tool = z.infer<typeof toolSchema>;
