import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const START_TIMEOUT_MS = 60_000;

/**
 * A hub started as its own process (the built server, the way `npm start` runs it). Lives with the
 * app so that the replica tests (tests/) and the fan-out benchmark (tools/) share one starter: both
 * may import the app (`@hub/hub-api`), neither may import the other.
 */
export interface HubProcess {
  url: string;
  output(): string;
  /** SIGTERM, then waits for the exit and removes the process's data folder; the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would: nothing in flight finishes. Resolves once the process is gone (stop() then only cleans up). */
  kill(): Promise<void>;
}

/** Starts `main` (dist/apps/hub-api/src/main.js) on a free port with `env` and waits for "hub listening". */
export async function startHubProcess(main: string, env: Record<string, string>): Promise<HubProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-process-'));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', HUB_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    return child.exitCode;
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub process did not start:\n${output}`)), START_TIMEOUT_MS);
      const exited = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`the hub process exited with ${code}:\n${output}`));
      };
      child.on('exit', exited);
      child.stdout!.on('data', () => {
        // The log line may be split across chunks: look at everything read so far.
        const match = /"url":"(http:\/\/[^"]+)","msg":"hub listening"/.exec(output);
        if (!match) return;
        clearTimeout(timer);
        child.off('exit', exited);
        resolve(match[1]);
      });
    });
    return { url, output: () => output, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}
