#!/usr/bin/env node
// The operators' command line, without a rebuild: runs the built command line in dist/ when it is
// newer than every source file, and builds first only when dist/ is missing or older (the build
// talks on standard error, so standard output keeps only the command's result).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/apps/hub-api/src/cli.js');
// The folders `npm run build` compiles (see package.json).
const SOURCES = ['apps', 'libs', 'tools'];

/** Why dist/ must be built again, or undefined when it is up to date. */
function buildReason() {
  if (!existsSync(cli)) return 'dist/ has no built command line';
  const builtAt = statSync(cli).mtimeMs;
  const newer = SOURCES.map((folder) => newerSource(join(root, folder), builtAt)).find(Boolean);
  return newer ? `${newer.slice(root.length + 1)} changed after the last build` : undefined;
}

function newerSource(folder, builtAt) {
  if (!existsSync(folder)) return undefined;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      const newer = newerSource(path, builtAt);
      if (newer) return newer;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && statSync(path).mtimeMs > builtAt) {
      return path;
    }
  }
  return undefined;
}

const reason = buildReason();
if (reason) {
  process.stderr.write(`hub: ${reason}; building first (npm run build)\n`);
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (build.status !== 0) {
    process.stderr.write('hub: the build failed\n');
    process.exit(3);
  }
}
await import(pathToFileURL(cli).href);
