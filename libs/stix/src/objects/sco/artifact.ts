// Artifact (spec 6.1): an array of bytes, inline (base64 payload_bin) or by URL with hashes.
import { z } from 'zod';
import { defineObservable } from '../define';
import { binary, closedEnum, hashes, mediaType, url } from '../properties';
import { ENCRYPTION_ALGORITHM_ENUM } from '../vocabularies';

export const artifactSchema = defineObservable(
  'artifact',
  {
    mime_type: mediaType.optional(),
    payload_bin: binary.optional(),
    url: url.optional(),
    hashes: hashes.optional(),
    encryption_algorithm: closedEnum(ENCRYPTION_ALGORITHM_ENUM, 'encryption-algorithm-enum').optional(),
    decryption_key: z.string().optional(),
  },
  {},
  {
    rules: (artifact) => {
      artifact.requireExactlyOne(['payload_bin', 'url']);
      // Without hashes, the content behind a URL could change without anyone noticing.
      if (artifact.has('url') && !artifact.has('hashes')) artifact.error('hashes', 'is required when url is present');
      artifact.requirePresenceFor('decryption_key', 'encryption_algorithm');
    },
  },
);

export type Artifact = z.infer<typeof artifactSchema>;
