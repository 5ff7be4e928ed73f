// Directory (spec 6.3): the properties common to a file-system directory.
import { z } from 'zod';
import { defineObservable } from '../define';
import { characterSetName, identifier, nonEmptyList, referenceTo, timestamp } from '../properties';

export const directorySchema = defineObservable(
  'directory',
  {
    path: z.string(),
    path_enc: characterSetName.optional(),
    ctime: timestamp.optional(),
    mtime: timestamp.optional(),
    atime: timestamp.optional(),
    contains_refs: nonEmptyList(identifier(referenceTo(['file', 'directory']))).optional(),
  },
  {},
);

export type Directory = z.infer<typeof directorySchema>;
