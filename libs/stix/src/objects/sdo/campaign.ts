// Campaign (spec 4.2): a grouping of adversarial behaviours against a set of targets over a period of time.
import { z } from 'zod';
import { defineDomainObject } from '../define';
import { nonEmptyList, timestamp } from '../properties';

export const campaignSchema = defineDomainObject(
  'campaign',
  {
    name: z.string(),
    description: z.string().optional(),
    aliases: nonEmptyList(z.string()).optional(),
    first_seen: timestamp.optional(),
    last_seen: timestamp.optional(),
    objective: z.string().optional(),
  },
  { rules: (campaign) => campaign.requireOrder('first_seen', 'last_seen') },
);

export type Campaign = z.infer<typeof campaignSchema>;
