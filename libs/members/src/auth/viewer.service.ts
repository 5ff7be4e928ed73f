import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ANONYMOUS_VIEWER } from '@hub/access';
import type { KeyDistribution, MemberViewer, OrganizationKind, Role, Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError, SameTurnReads } from '@hub/platform';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { hashApiKey } from '../api-keys/api-key-format';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { idSchema } from '../shared/input-validation';
import { readCredential } from './credential';
import type { CredentialHeaders } from './credential';
import { SessionService } from './session/session.service';
import { TokenService } from './token.service';

export interface KeyUseOptions {
  /** false: do not audit a successful use (the credential is re-checked, not used anew); default true. */
  recordUse?: boolean;
}

interface MemberRow {
  user_id: string;
  role: Role;
  user_active: boolean;
  session_version: number;
  must_change_password: boolean;
  organization_id: string;
  organization_kind: OrganizationKind;
  organization_active: boolean;
  organization_is_operator: boolean;
  sharing_group_ids: string[];
}

interface KeyRow extends MemberRow {
  key_id: string;
  distribution: KeyDistribution;
  revoked: boolean;
  expired: boolean;
}

// One indexed query per request: who the person is now, so a role change, a deactivation or a
// change of group membership applies to the very next request.
const MEMBER_COLUMNS = `
  u.id AS user_id, u.role, u.active AS user_active, u.session_version, u.must_change_password,
  o.id AS organization_id, o.kind AS organization_kind, o.active AS organization_active, o.is_operator AS organization_is_operator,
  ARRAY(SELECT m.sharing_group_id::text FROM sharing_group_member m WHERE m.organization_id = o.id ORDER BY 1) AS sharing_group_ids`;

const USER_VIEWER_SQL = `
  SELECT ${MEMBER_COLUMNS}
    FROM hub_user u JOIN organization o ON o.id = u.organization_id
   WHERE u.id = $1`;

// Many people at once, as the viewers they are now (e.g. the owners of watch filters, who may not be
// signed in): deactivated people and organisations are left out.
const ACTIVE_USER_VIEWERS_SQL = `
  SELECT ${MEMBER_COLUMNS}
    FROM hub_user u JOIN organization o ON o.id = u.organization_id
   WHERE u.id = ANY($1::uuid[]) AND u.active AND o.active`;

const KEY_VIEWER_SQL = `
  SELECT ${MEMBER_COLUMNS}, k.id AS key_id, k.distribution,
         k.revoked_at IS NOT NULL AS revoked, COALESCE(k.expires_at <= now(), false) AS expired
    FROM api_key k JOIN hub_user u ON u.id = k.created_by_user_id JOIN organization o ON o.id = k.organization_id
   WHERE k.key_hash = $1`;

/**
 * Turns a request's credential into the Viewer every read path is given. Used by the global guard
 * (through the passport strategies) and directly by TAXII and the WebSocket handshake.
 */
@Injectable()
export class ViewerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  // Requests of one person that arrive together (a dashboard, a poller with many connections) share
  // one read of who the person is now; each still gets a read made after it arrived.
  private readonly userRows = new SameTurnReads(async (userId: string) => {
    const [row] = await this.prepared<MemberRow>('hub_viewer_user', USER_VIEWER_SQL, [userId]);
    return row as MemberRow | undefined;
  });

  /**
   * ANONYMOUS_VIEWER without a credential; UNAUTHENTICATED (HubError) for a credential that is present but not valid.
   * `recordUse: false` re-checks a key already in use (a live subscription, audited when it connected): a refusal is still audited.
   */
  async resolveViewer(headers: CredentialHeaders, ip?: string, options: KeyUseOptions = {}): Promise<Viewer> {
    const credential = readCredential(headers);
    switch (credential.kind) {
      case 'none':
        return ANONYMOUS_VIEWER;
      case 'invalid':
        throw HubError.unauthenticated(credential.reason);
      case 'token':
        return this.viewerForToken(credential.token);
      case 'api-key':
        return this.viewerForApiKey(credential.key, ip, options);
      case 'session':
        return this.viewerForSession(credential.sessionId, credential.csrfToken, options);
    }
  }

  async viewerForToken(token: string): Promise<MemberViewer> {
    return this.viewerForUser(this.tokens.verify(token));
  }

  /** A browser session (cookie and CSRF token); a re-check (`recordUse: false`) does not count as activity. */
  async viewerForSession(sessionId: string, csrfToken: string, { recordUse = true }: KeyUseOptions = {}): Promise<MemberViewer> {
    return this.viewerForUser(await this.sessions.authenticate(sessionId, csrfToken, { touch: recordUse }));
  }

  /** The person as they are now, if still active and still in the session (version) the credential was issued for. */
  async viewerForUser(claims: { userId: string; sessionVersion: number }): Promise<MemberViewer> {
    const row = idSchema.safeParse(claims.userId).success ? await this.userRows.get(claims.userId) : undefined;
    if (!row || !row.user_active || !row.organization_active || row.session_version !== claims.sessionVersion) {
      throw HubError.unauthenticated('Your session has ended; sign in again');
    }
    // Set only when required, so the viewer of everyone else is exactly as before.
    return { kind: 'user', ...memberOf(row), ...(row.must_change_password ? { passwordChangeRequired: true } : {}) };
  }

  /** These people as the viewers they are now, by user id; deactivated ones (or of a deactivated organisation) are missing. */
  async activeUserViewers(userIds: string[]): Promise<Map<string, MemberViewer>> {
    if (!userIds.length) return new Map();
    const rows: MemberRow[] = await this.dataSource.query(ACTIVE_USER_VIEWERS_SQL, [userIds]);
    return new Map(rows.map((row) => [row.user_id, { kind: 'user', ...memberOf(row) }]));
  }

  /** Every use of a key is written to the audit log (one insert); refused uses of a real key too. */
  async viewerForApiKey(key: string, ip?: string, { recordUse = true }: KeyUseOptions = {}): Promise<MemberViewer> {
    const [row] = await this.prepared<KeyRow>('hub_viewer_key', KEY_VIEWER_SQL, [hashApiKey(key)]);
    if (!row) throw HubError.unauthenticated('The API key is not valid');
    const refusal = keyRefusal(row);
    if (refusal) {
      await this.audit.record({ action: 'api_key.use', outcome: 'denied', viewer: ANONYMOUS_VIEWER, ip, targetType: 'api_key', targetId: row.key_id, details: { reason: refusal.reason } });
      throw HubError.unauthenticated(refusal.message);
    }
    const viewer: MemberViewer = { kind: 'key', ...memberOf(row), keyId: row.key_id, keyDistribution: row.distribution };
    await Promise.all([recordUse && this.audit.record({ action: 'api_key.use', viewer, ip, targetType: 'api_key', targetId: row.key_id }), this.keys.touch(row.key_id)]);
    return viewer;
  }

  /** Every request runs one of these: as named prepared statements, each connection plans them once. */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    return (await pool.query({ name, text, values })).rows as T[];
  }
}

function memberOf(row: MemberRow): Omit<MemberViewer, 'kind'> {
  return {
    userId: row.user_id,
    role: row.role,
    organizationId: row.organization_id,
    organizationKind: row.organization_kind,
    operator: row.organization_is_operator,
    // A copy: rows may be shared by the requests of one turn (SameTurnReads).
    sharingGroupIds: [...row.sharing_group_ids],
  };
}

function keyRefusal(row: KeyRow): { reason: string; message: string } | undefined {
  if (row.revoked) return { reason: 'revoked', message: 'The API key has been revoked' };
  if (row.expired) return { reason: 'expired', message: 'The API key has expired' };
  if (!row.user_active) return { reason: 'creator_deactivated', message: 'The API key belongs to a deactivated user' };
  if (!row.organization_active) return { reason: 'organization_deactivated', message: 'The API key belongs to a deactivated organisation' };
  return undefined;
}
