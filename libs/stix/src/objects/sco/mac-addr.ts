// MAC Address (spec 6.10): a single Media Access Control address.
import { z } from 'zod';
import { defineObservable } from '../define';
import { describeValue } from '../issues';
import { isMac48Address } from './value-formats';

export const macAddressSchema = defineObservable(
  'mac-addr',
  { value: z.string() },
  {},
  {
    rules: (address) => {
      const value = address.string('value');
      if (value !== undefined && address.boolean('defanged') !== true && !isMac48Address(value)) {
        address.error('value', `must be a lowercase, colon-delimited MAC-48 address such as d2:fb:49:24:37:18 (got ${describeValue(value)})`);
      }
    },
  },
);

export type MacAddress = z.infer<typeof macAddressSchema>;
