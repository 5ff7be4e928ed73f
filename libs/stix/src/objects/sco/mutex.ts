// Mutex (spec 6.11): a mutual-exclusion object, often used by malware to avoid running twice.
import { z } from 'zod';
import { defineObservable } from '../define';

export const mutexSchema = defineObservable('mutex', { name: z.string() }, {});

export type Mutex = z.infer<typeof mutexSchema>;
