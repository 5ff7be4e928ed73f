// Email Address (spec 6.5): a single email address.
import { z } from 'zod';
import { defineObservable } from '../define';
import { describeValue } from '../issues';
import { identifier, referenceTo } from '../properties';
import { isEmailAddress } from './value-formats';

export const emailAddressSchema = defineObservable(
  'email-addr',
  {
    value: z.string(),
    display_name: z.string().optional(),
    belongs_to_ref: identifier(referenceTo(['user-account'])).optional(),
  },
  {},
  {
    rules: (address) => {
      const value = address.string('value');
      if (value !== undefined && address.boolean('defanged') !== true && !isEmailAddress(value)) {
        address.error('value', `must be an email address (RFC 5322 addr-spec) such as jdoe@example.com (got ${describeValue(value)})`);
      }
    },
  },
);

export type EmailAddress = z.infer<typeof emailAddressSchema>;
