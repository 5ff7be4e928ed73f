import { HubError } from '@hub/platform';
import { EntityManager } from 'typeorm';

// Any fixed number: it names the lock that serialises changes which could remove the last admin.
const ADMIN_CHANGE_LOCK = 4_242_101;

/**
 * Refuses a change that would leave the hub without an active admin in an active organisation,
 * since nobody could then manage it. Call inside the transaction that makes the change; the
 * advisory lock stops two concurrent changes from each believing the other admin remains.
 */
export async function assertAnotherAdminRemains(
  manager: EntityManager,
  leaving: { userId?: string; organizationId?: string },
  message: string,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGE_LOCK]);
  const [{ remaining }] = (await manager.query(
    `SELECT count(*)::int AS remaining
       FROM hub_user u JOIN organization o ON o.id = u.organization_id
      WHERE u.role = 'ADMIN' AND u.active AND o.active
        AND ($1::uuid IS NULL OR u.id <> $1::uuid)
        AND ($2::uuid IS NULL OR u.organization_id <> $2::uuid)`,
    [leaving.userId ?? null, leaving.organizationId ?? null],
  )) as { remaining: number }[];
  if (remaining === 0) throw HubError.badInput(message, [{ path: 'id', message }]);
}
