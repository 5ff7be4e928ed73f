// Autonomous System (spec 6.2): a collection of IP prefixes under one routing policy.
import { z } from 'zod';
import { defineObservable } from '../define';
import { integer } from '../properties';

export const autonomousSystemSchema = defineObservable(
  'autonomous-system',
  {
    // AS numbers are 32-bit unsigned integers (RFC 6793).
    number: integer.min(0).max(4_294_967_295),
    name: z.string().optional(),
    rir: z.string().optional(),
  },
  {},
);

export type AutonomousSystem = z.infer<typeof autonomousSystemSchema>;
