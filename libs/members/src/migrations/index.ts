import { Members1763800000000 } from './1763800000000-members';
import { MembersNeverDeleted1766000000003 } from './1766000000003-members-never-deleted';
import { SignInLockLifts1766100000100 } from './1766100000100-sign-in-lock-lifts';
import { BrowserSessions1766200000000 } from './1766200000000-browser-sessions';
import { MustChangePassword1766840000000 } from './1766840000000-must-change-password';
import { OrganizationSize1766870000000 } from './1766870000000-organization-size';

/** The members schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const membersMigrations = [
  Members1763800000000,
  MembersNeverDeleted1766000000003,
  SignInLockLifts1766100000100,
  BrowserSessions1766200000000,
  MustChangePassword1766840000000,
  OrganizationSize1766870000000,
];
