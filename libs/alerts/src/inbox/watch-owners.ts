import type { MemberViewer, OrganizationKind, Role } from '@hub/access';
import { EntityManager } from 'typeorm';

interface OwnerRow {
  user_id: string;
  role: Role;
  organization_id: string;
  organization_kind: OrganizationKind;
  organization_is_operator: boolean;
  sharing_group_ids: string[];
}

// Who each owner is now, as the members library builds a signed-in person's viewer (see its
// ViewerService): organisation, kind, groups. Deactivated people and organisations get no alerts.
const ACTIVE_OWNERS_SQL = `
  SELECT u.id AS user_id, u.role,
         o.id AS organization_id, o.kind AS organization_kind, o.is_operator AS organization_is_operator,
         ARRAY(SELECT m.sharing_group_id::text FROM sharing_group_member m WHERE m.organization_id = o.id ORDER BY 1) AS sharing_group_ids
    FROM hub_user u JOIN organization o ON o.id = u.organization_id
   WHERE u.id = ANY($1::uuid[]) AND u.active AND o.active`;

/** The owners of watch filters as the viewers their alerts are matched for, by user id; inactive ones are missing. */
export async function activeWatchOwners(manager: EntityManager, userIds: string[]): Promise<Map<string, MemberViewer>> {
  if (!userIds.length) return new Map();
  const rows: OwnerRow[] = await manager.query(ACTIVE_OWNERS_SQL, [userIds]);
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        kind: 'user',
        userId: row.user_id,
        role: row.role,
        organizationId: row.organization_id,
        organizationKind: row.organization_kind,
        operator: row.organization_is_operator,
        sharingGroupIds: row.sharing_group_ids,
      },
    ]),
  );
}
