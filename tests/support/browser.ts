import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
// One launcher for the browser tests and the console benchmark, so both measure the same browser.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { launchBrowser } from '../../tools/browser/headless-chromium';

/** The built console must be there: `npm test` and `npm run build` make it. */
export function assertConsoleBuilt(): void {
  const index = resolve(process.cwd(), 'dist/apps/hub-web/index.html');
  if (!existsSync(index)) throw new Error(`The console is not built (${index} is missing): run npm run build first`);
}

export interface AttackerSite {
  /** e.g. http://localhost:41234: another site than the hub's http://127.0.0.1:<port> */
  url: string;
  /** Serves this HTML at `path`. */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

/** A web server of "another site" on the loopback interface, to host the attacker's pages. */
export async function startAttackerSite(host: '127.0.0.1' | 'localhost'): Promise<AttackerSite> {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const html = pages.get(request.url ?? '');
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    page: (path, html) => pages.set(path, html),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
