// IPv6 Address (spec 6.9): one or more IPv6 addresses, in CIDR notation for ranges.
import { z } from 'zod';
import { defineObservable } from '../define';
import { describeValue } from '../issues';
import { identifier, nonEmptyList, referenceTo } from '../properties';
import { isIPv6AddressOrCidr, refangAddress } from './value-formats';

export const ipv6AddressSchema = defineObservable(
  'ipv6-addr',
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
      if (plain !== undefined && !isIPv6AddressOrCidr(plain)) {
        address.error('value', `must be an IPv6 address or CIDR block such as 2001:db8::1 or 2001:db8::/32 (got ${describeValue(value)})`);
      }
      // Spec 6.9: these properties are deprecated in favour of relationships.
      if (address.has('resolves_to_refs')) address.warning('resolves_to_refs', 'is deprecated; use a resolves-to relationship instead');
      if (address.has('belongs_to_refs')) address.warning('belongs_to_refs', 'is deprecated; use a belongs-to relationship instead');
    },
  },
);

export type IPv6Address = z.infer<typeof ipv6AddressSchema>;
