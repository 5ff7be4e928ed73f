// URL (spec 6.15): a uniform resource locator.
import { z } from 'zod';
import { defineObservable } from '../define';
import { describeValue } from '../issues';
import { isUrl } from './value-formats';

export const urlSchema = defineObservable(
  'url',
  { value: z.string() },
  {},
  {
    rules: (url) => {
      const value = url.string('value');
      if (value !== undefined && url.boolean('defanged') !== true && !isUrl(value)) {
        url.error('value', `must be a URL (RFC 3986) with a scheme, such as https://example.com/path (got ${describeValue(value)})`);
      }
    },
  },
);

/** Named Url so that it does not shadow the global URL class. */
export type Url = z.infer<typeof urlSchema>;
