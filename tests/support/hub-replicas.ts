import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
// The fan-out benchmark starts its replicas with the same starter, which lives with the app.
import { startHubProcess } from '@hub/hub-api';
import type { HubProcess } from '@hub/hub-api';
import { postGraphql, TEST_ADMIN } from './test-hub';
import type { TestHub } from './test-hub';

// The built server, as `npm start` runs it (refresh dist before running the tests that use this).
const MAIN = join(import.meta.dirname, '../../dist/apps/hub-api/src/main.js');

/** One hub process; `graphql` speaks to it like TestHub does. */
export interface HubReplica extends HubProcess, Pick<TestHub, 'graphql'> {}

/**
 * The environment of N replicas of one hub: the same database, the same JWT secret, the same
 * Redis, and a Redis prefix of their own so test runs sharing a Redis server do not hear each other.
 */
export function replicaEnvironment(databaseUrl: string, redisUrl = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    HUB_REDIS_PREFIX: `hub-e2e-${randomBytes(6).toString('hex')}:`,
    HUB_JWT_SECRET: 'replica-secret-that-is-long-enough-for-hs256',
    // The tests share documentation addresses and reserved domains, which the default warninglists refuse.
    HUB_DEFAULT_WARNINGLISTS: 'off',
    HUB_ADMIN_EMAIL: TEST_ADMIN.email,
    HUB_ADMIN_PASSWORD: TEST_ADMIN.password,
  };
}

export async function startReplica(env: Record<string, string>): Promise<HubReplica> {
  const replica = await startHubProcess(MAIN, env);
  return { ...replica, graphql: (query, variables, token) => postGraphql(replica.url, query, variables, token) };
}

/** The member and sharing helpers only call `graphql`; a replica offers the same. */
export function asTestHub(replica: HubReplica): TestHub {
  return replica as unknown as TestHub;
}
