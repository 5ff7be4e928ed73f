#!/usr/bin/env node
// The member command line (apps/hub-member): runs the built JavaScript in dist/ as it is; build it
// once with `npm run build`. It imports nothing of the server.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist/apps/hub-member/src/main.js');
if (!existsSync(cli)) {
  process.stderr.write('hub-member: dist/ has no built command line; run npm run build first\n');
  process.exit(2);
}
const { runCli } = await import(pathToFileURL(cli).href);
let interrupt;
const interrupted = new Promise((resolve) => (interrupt = resolve));
process.once('SIGINT', () => interrupt());
process.once('SIGTERM', () => interrupt());
process.stdout.on('error', (error) => {
  // A closed pipe (| head) ends the command quietly.
  if (error.code === 'EPIPE') process.exit(0);
});
process.exitCode = await runCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr, interrupted });
// follow's socket and timers are gone by now; exit without waiting for idle keep-alive sockets.
process.exit(process.exitCode);
