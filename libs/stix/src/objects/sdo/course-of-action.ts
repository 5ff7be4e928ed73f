// Course of Action (spec 4.3): a recommendation to prevent or respond to an attack. STIX 2.1 reserves the
// automatable `action` property for a future version, so only name and description are defined.
import { z } from 'zod';
import { defineDomainObject } from '../define';

export const courseOfActionSchema = defineDomainObject('course-of-action', {
  name: z.string(),
  description: z.string().optional(),
});

export type CourseOfAction = z.infer<typeof courseOfActionSchema>;
