// Incident (spec 4.6): a stub in STIX 2.1, meant to be completed through extensions.
import { z } from 'zod';
import { killChainPhase } from '../common';
import { defineDomainObject } from '../define';
import { nonEmptyList } from '../properties';

export const incidentSchema = defineDomainObject('incident', {
  name: z.string(),
  description: z.string().optional(),
  kill_chain_phases: nonEmptyList(killChainPhase).optional(),
});

export type Incident = z.infer<typeof incidentSchema>;
