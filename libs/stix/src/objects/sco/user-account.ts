// User Account (spec 6.16) and its predefined UNIX account extension.
import { z } from 'zod';
import { defineExtension, defineObservable } from '../define';
import { integer, nonEmptyList, openVocab, timestamp } from '../properties';
import { ACCOUNT_TYPE_OV } from '../vocabularies';

export const unixAccountExtensionSchema = defineExtension('unix-account-ext', {
  gid: integer.optional(),
  groups: nonEmptyList(z.string()).optional(),
  home_dir: z.string().optional(),
  shell: z.string().optional(),
});

export const userAccountSchema = defineObservable(
  'user-account',
  {
    user_id: z.string().optional(),
    credential: z.string().optional(),
    account_login: z.string().optional(),
    account_type: openVocab(ACCOUNT_TYPE_OV).optional(),
    display_name: z.string().optional(),
    is_service_account: z.boolean().optional(),
    is_privileged: z.boolean().optional(),
    can_escalate_privs: z.boolean().optional(),
    is_disabled: z.boolean().optional(),
    account_created: timestamp.optional(),
    account_expires: timestamp.optional(),
    credential_last_changed: timestamp.optional(),
    account_first_login: timestamp.optional(),
    account_last_login: timestamp.optional(),
  },
  { 'unix-account-ext': unixAccountExtensionSchema },
);

export type UserAccount = z.infer<typeof userAccountSchema>;
