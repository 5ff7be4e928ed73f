// IPv4 Address (spec 6.8): one or more IPv4 addresses, in CIDR notation for ranges.
import { z } from 'zod';
import { defineObservable } from '../define';
import { describeValue } from '../issues';
import { identifier, nonEmptyList, referenceTo } from '../properties';
import { isIPv4AddressOrCidr, refangAddress } from './value-formats';

export const ipv4AddressSchema = defineObservable(
  'ipv4-addr',
  {
    value: z.string(),
    resolves_to_refs: nonEmptyList(identifier(referenceTo(['mac-addr']))).optional(),
    belongs_to_refs: nonEmptyList(identifier(referenceTo(['autonomous-system']))).optional(),
  },
  {},
  {
    rules: (address) => {
      const value = address.string('value');
      // A defanged address must still be one once refanged; anything else is not an address at all.
      const plain = value !== undefined && address.boolean('defanged') === true ? refangAddress(value) : value;
      if (plain !== undefined && !isIPv4AddressOrCidr(plain)) {
        address.error('value', `must be an IPv4 address or CIDR block such as 198.51.100.3 or 198.51.100.0/24 (got ${describeValue(value)})`);
      }
      // Spec 6.8: these properties are deprecated in favour of relationships.
      if (address.has('resolves_to_refs')) address.warning('resolves_to_refs', 'is deprecated; use a resolves-to relationship instead');
      if (address.has('belongs_to_refs')) address.warning('belongs_to_refs', 'is deprecated; use a belongs-to relationship instead');
    },
  },
);

export type IPv4Address = z.infer<typeof ipv4AddressSchema>;
