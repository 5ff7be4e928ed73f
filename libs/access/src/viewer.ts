/** Who is asking. Built once per request by the members library from a login token or an API key. */
export type Role = 'MEMBER' | 'ANALYST' | 'FOCAL_POINT' | 'ADMIN';
export type OrganizationKind = 'PUBLIC' | 'PRIVATE';
export type KeyDistribution = 'INTERNAL' | 'CLIENTS';

export interface AnonymousViewer {
  kind: 'anonymous';
}

export interface MemberViewer {
  /** 'user': a person with a login token; 'key': a script, SIEM or TAXII client with an API key. */
  kind: 'user' | 'key';
  /** The person: the logged-in user, or the user who created the key. */
  userId: string;
  role: Role;
  organizationId: string;
  organizationKind: OrganizationKind;
  /**
   * The hub operator organisation runs the hub; it is not a member of the sector, so it is in
   * neither built-in audience (PUBLIC_SECTOR, PRIVATE_SECTOR). Its people still read what names them.
   */
  operator?: boolean;
  /** Sharing groups the viewer's organisation belongs to. */
  sharingGroupIds: string[];
  /**
   * Only for kind 'user': the person signed in with a password an admin set (at creation or a reset)
   * and must choose their own before anything else (the guard allows only `me`, `changePassword`
   * and signing in or out). Absent when not required.
   */
  passwordChangeRequired?: boolean;
  /** Only for kind 'key'. */
  keyId?: string;
  keyDistribution?: KeyDistribution;
}

export type Viewer = AnonymousViewer | MemberViewer;

export const ANONYMOUS_VIEWER: AnonymousViewer = { kind: 'anonymous' };

export function isMember(viewer: Viewer): viewer is MemberViewer {
  return viewer.kind !== 'anonymous';
}
