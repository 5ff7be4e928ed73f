import { registerEnumType } from '@nestjs/graphql';

export enum TlpLevel {
  CLEAR = 'CLEAR',
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  AMBER_STRICT = 'AMBER_STRICT',
  RED = 'RED',
}
registerEnumType(TlpLevel, { name: 'Tlp', description: 'TLP 2.0 marking; AMBER_STRICT is AMBER+STRICT' });

export enum BuiltInAudienceValue {
  PUBLIC_SECTOR = 'PUBLIC_SECTOR',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
}
registerEnumType(BuiltInAudienceValue, { name: 'BuiltInAudience', description: 'All PUBLIC, or all PRIVATE, member organisations' });

export enum SubmissionStatus {
  ACCEPTED = 'ACCEPTED',
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}
registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'ACCEPTED: stored as a new object or version; DUPLICATE: this exact version was already stored; REJECTED: nothing stored',
});

export enum SightingTypeValue {
  SIGHTING = 'SIGHTING',
  FALSE_POSITIVE = 'FALSE_POSITIVE',
  EXPIRATION = 'EXPIRATION',
}
registerEnumType(SightingTypeValue, {
  name: 'SightingType',
  description: 'SIGHTING: it was seen; FALSE_POSITIVE: it matched something harmless; EXPIRATION: it is no longer in use (stored as x_hub_sighting_type)',
});
