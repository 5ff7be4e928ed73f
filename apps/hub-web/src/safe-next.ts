import { consolePath, matchConsoleRoute } from '@hub/console-routes';

/**
 * Where to go after signing in: only a console route on this origin, so a crafted link cannot send a
 * person elsewhere (an open redirect) or back to the sign-in page.
 */
export function safeNext(next: string | undefined | null): string {
  const fallback = consolePath('feed');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  let url: URL;
  try {
    url = new URL(next, 'http://console.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://console.invalid') return fallback;
  const route = matchConsoleRoute(url.pathname);
  if (!route || route.name === 'signIn') return fallback;
  return url.pathname + url.search;
}
