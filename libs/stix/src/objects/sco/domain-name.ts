// Domain Name (spec 6.4): a network domain name.
import { z } from 'zod';
import { defineObservable } from '../define';
import { describeValue } from '../issues';
import { identifier, nonEmptyList, referenceTo } from '../properties';
import { isDomainName } from './value-formats';

export const domainNameSchema = defineObservable(
  'domain-name',
  {
    value: z.string(),
    resolves_to_refs: nonEmptyList(identifier(referenceTo(['ipv4-addr', 'ipv6-addr', 'domain-name']))).optional(),
  },
  {},
  {
    rules: (domain) => {
      const value = domain.string('value');
      if (value !== undefined && domain.boolean('defanged') !== true && !isDomainName(value)) {
        domain.warning('value', `does not look like a domain name (RFC 1034) (got ${describeValue(value)})`);
      }
    },
  },
);

export type DomainName = z.infer<typeof domainNameSchema>;
