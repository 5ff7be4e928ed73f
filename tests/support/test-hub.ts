import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, HubConfig, loadHubConfig } from '@hub/platform';
import { HubApp, startHub } from '@hub/hub-api';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; errors?: { path: string; message: string }[] } }[];
  text: string;
}

export interface TestHub {
  url: string;
  databaseUrl: string;
  hub: HubApp;
  /** POST /graphql with an optional bearer token (JWT or API key). */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@hub.test', password: 'correct horse battery staple 42' };

export interface TestHubOptions {
  /** Run on this database instead of a fresh one (e.g. to restart a hub on the same data); the caller drops it. */
  database?: TestDatabase;
}

/** Starts the real hub in this process on a free port, against a fresh database of its own. */
export async function startTestHub(env: Record<string, string> = {}, options: TestHubOptions = {}): Promise<TestHub> {
  const database: TestDatabase = options.database ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-data-'));
  const config: HubConfig = loadHubConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    HUB_DATA_DIR: dataDir,
    HUB_ADMIN_EMAIL: TEST_ADMIN.email,
    HUB_ADMIN_PASSWORD: TEST_ADMIN.password,
    HUB_JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: process.env.HUB_TEST_LOG_LEVEL ?? 'silent',
    // The tests share documentation addresses and reserved domains, which the default lists refuse;
    // the warninglist tests turn them on.
    HUB_DEFAULT_WARNINGLISTS: 'off',
    // A published extension-definition is one more CLEAR object in every feed and trend; the incident tests turn it on.
    HUB_PUBLISH_EXTENSIONS: 'off',
    ...env,
  });
  const hub = await startHub(config, createLogger(config.logLevel));
  return {
    url: hub.url,
    databaseUrl: database.url,
    hub,
    graphql: (query, variables, token) => postGraphql(hub.url, query, variables, token),
    close: async () => {
      await hub.close();
      if (!options.database) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postGraphql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T; errors?: GraphqlResponse['errors'] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, text };
}
