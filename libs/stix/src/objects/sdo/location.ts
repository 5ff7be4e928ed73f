// Location (spec 4.10): a geographic place, given by region, country or coordinates.
import { z } from 'zod';
import { ISO_3166_ALPHA_2 } from '../formats/iso-3166-countries';
import { describeValue } from '../issues';
import { defineDomainObject } from '../define';
import { openVocab } from '../properties';
import { REGION_OV } from '../vocabularies';

// The specification's own examples write codes in lowercase ("th"), so case is not held against them.
const COUNTRY_CODES: ReadonlySet<string> = new Set(ISO_3166_ALPHA_2);

export const locationSchema = defineDomainObject(
  'location',
  {
    name: z.string().optional(),
    description: z.string().optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    precision: z.number().min(0).optional(),
    region: openVocab(REGION_OV).optional(),
    country: z.string().optional(),
    administrative_area: z.string().optional(),
    city: z.string().optional(),
    street_address: z.string().optional(),
    postal_code: z.string().optional(),
  },
  {
    rules: (location) => {
      location.requirePresenceFor('latitude', 'longitude');
      location.requirePresenceFor('longitude', 'latitude');
      if (location.has('precision') && !(location.has('latitude') && location.has('longitude'))) {
        location.error('precision', 'requires both latitude and longitude');
      }
      if (!location.has('region') && !location.has('country') && !(location.has('latitude') && location.has('longitude'))) {
        location.error([], 'must have at least one of region, country, or latitude and longitude');
      }
      const country = location.string('country');
      if (country !== undefined && !COUNTRY_CODES.has(country.toUpperCase())) {
        location.warning('country', `should be an ISO 3166-1 alpha-2 country code such as "US" (got ${describeValue(country)})`);
      }
    },
  },
);

export type Location = z.infer<typeof locationSchema>;
