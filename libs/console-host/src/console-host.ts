import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { matchConsoleRoute } from '@hub/console-routes';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { assetSecurityHeaders, htmlSecurityHeaders, isHttpsRequest } from './security-headers';

/** Where `npm run build` puts the console (vite, apps/hub-web/vite.config.ts), from the folder the hub is started in. */
export function defaultConsoleDir(cwd: string = process.cwd()): string {
  return resolve(cwd, 'dist/apps/hub-web');
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hub console not built</title></head>
<body><h1>The console is not built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>) and reload.</p></body></html>
`;

/**
 * Serves the console on the hub's own origin: its hashed assets under /assets/, and its page for
 * every console route (so a deep link works on reload). Anything else passes through untouched.
 */
export function consoleHostMiddleware(dir: string = defaultConsoleDir()): (request: Request, response: Response, next: NextFunction) => void {
  const assets = express.static(join(dir, 'assets'), {
    index: false,
    fallthrough: false,
    redirect: false,
    dotfiles: 'ignore',
    // File names carry a content hash (vite): a name never changes content.
    immutable: true,
    maxAge: '365d',
    setHeaders: (response) => {
      for (const [name, value] of Object.entries(assetSecurityHeaders())) response.setHeader(name, value);
    },
  });
  const indexFile = join(dir, 'index.html');
  // Read once: the page only changes with a new build, which means a new start.
  let page: string | undefined;
  const pageText = (): string | undefined => (page ??= existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined);

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path.startsWith('/assets/')) {
      request.url = request.url.slice('/assets'.length);
      return assets(request, response, (error?: unknown) => {
        const status = (error as { status?: number } | undefined)?.status ?? 404;
        response.status(status === 404 ? 404 : 400).set(assetSecurityHeaders()).type('text/plain').send(status === 404 ? 'Not found' : 'Bad request');
      });
    }
    if (!matchConsoleRoute(request.path)) return next();
    const html = pageText();
    response
      .status(html ? 200 : 503)
      .set(htmlSecurityHeaders(isHttpsRequest(request)))
      .type('html')
      .send(html ?? NOT_BUILT_PAGE);
  };
}
