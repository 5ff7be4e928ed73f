import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertConsoleBuilt, launchBrowser, startAttackerSite } from '../support/browser';
import type { AttackerSite } from '../support/browser';
import { sessionGraphql, sessionStatus } from '../support/console-session';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { startTestHub } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';

const WATCH_FILTERS = '{ watchFilters { id name } }';
// A browser on a busy 2-core machine: generous, since a slow step is not what these tests are about.
const BROWSER_TEST_MS = 120_000;

/** The console in a real browser against the real hub: sign-in, sign-out, deep links, and the security rules. */
describe('the console in a browser', () => {
  let hub: TestHub;
  let browser: Browser;
  let db: pg.Client;
  let member: { id: string; email: string; password: string; token: string };
  let indicatorId: string;
  let partner: { id: string; email: string; password: string; token: string };

  beforeAll(async () => {
    assertConsoleBuilt();
    [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    db = new pg.Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Ziekenhuis Oost', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'NL' });
    member = await createUser(hub, admin, { email: 'soc@oost.test', role: 'ANALYST', organizationId: org.id });
    const partnerOrg = await createOrganization(hub, admin, { name: 'Klinikum Nord', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'DE' });
    partner = await createUser(hub, admin, { email: 'cert@nord.test', role: 'MEMBER', organizationId: partnerOrg.id });
    const shared = await submitBundle(hub, member.token, bundle([ipIndicator('203.0.113.7', { name: 'C2 of the week' })]), 'GREEN');
    indicatorId = shared.results[0].stixId as string;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await hub?.close();
  });

  async function signedInPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return { context, page };
  }

  async function sessionOf(context: BrowserContext, page: Page): Promise<{ cookie: string; csrfToken: string }> {
    const [cookie] = (await context.cookies(hub.url)).filter((candidate) => candidate.name === 'hub_session');
    const csrfToken = await page.evaluate(async () => ((await (await fetch('/auth/session')).json()) as { csrfToken: string }).csrfToken);
    return { cookie: `${cookie.name}=${cookie.value}`, csrfToken };
  }

  it('signs in, shows the feed, opens an object, and a deep link survives a reload', async () => {
    const { context, page } = await signedInPage();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe(member.email);
    expect(new URL(page.url()).pathname).toBe('/feed');
    await page.getByRole('link', { name: 'C2 of the week' }).click();
    await page.getByRole('heading', { name: /C2 of the week/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/objects/${indicatorId}`);
    expect(await page.getByTestId('object-source').textContent()).toBe('Ziekenhuis Oost');
    await page.reload();
    await page.getByRole('heading', { name: /C2 of the week/ }).waitFor();
    expect(await page.getByTestId('stix-json').textContent()).toContain(indicatorId);
    await page.goBack();
    await page.getByTestId('feed').waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('filters the feed by source organisation picked by name, kept in the address bar', async () => {
    const { context, page } = await signedInPage();
    await page.getByRole('link', { name: 'C2 of the week' }).waitFor();
    await page.getByLabel('Source organisation').selectOption({ label: 'Klinikum Nord' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No objects match.').waitFor();
    expect(new URL(page.url()).searchParams.get('source')).toBeTruthy();
    await page.goBack();
    await page.getByRole('link', { name: 'C2 of the week' }).waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('a signed-out visitor sent to sign in returns to the deep link after signing in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/sign-in?next=${encodeURIComponent(`/objects/${indicatorId}`)}`);
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The server's words, where it happened.
    await page.getByRole('alert').filter({ hasText: 'Invalid e-mail address or password' }).waitFor();
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /C2 of the week/ }).waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('the feed counts new objects as they arrive (graphql-ws with the session cookie)', async () => {
    const { context, page } = await signedInPage();
    // Reload the feed watching its WebSocket, to know when the subscription has been sent.
    const subscribed = new Promise<void>((resolve) =>
      page.on('websocket', (socket) => socket.on('framesent', (frame) => String(frame.payload).includes('"subscribe"') && resolve())),
    );
    await page.reload();
    await subscribed;
    await page.getByTestId('feed').getByRole('link').first().waitFor();
    // The server registers a subscription a moment after the message (graphql-ws sends no acknowledgement).
    await page.waitForTimeout(500);
    await submitBundle(hub, member.token, bundle([ipIndicator('198.51.100.23', { name: 'Fresh one' })]), 'GREEN');
    await page.getByTestId('new-objects').filter({ hasText: '1 new object' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('new-objects').click();
    await page.getByRole('link', { name: 'Fresh one' }).waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('shares an indicator built from a typed value, and shows the parser\'s error at the pattern', async () => {
    const { context, page } = await signedInPage();
    await page.getByRole('link', { name: 'Share' }).click();
    await page.getByLabel('Name').fill('Phishing sender');
    await page.getByLabel(/^Values/).fill('phish@evil.example');
    expect(await page.getByLabel('STIX pattern').inputValue()).toBe("[email-addr:value = 'phish@evil.example']");
    await page.getByLabel('STIX pattern').fill("[email-addr:value = 'phish@evil.example'");
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByTestId('pattern-error').filter({ hasText: /line 1/i }).waitFor();
    await page.getByRole('button', { name: 'Build the pattern from the values again' }).click();
    await page.getByLabel('Share anonymously').check();
    expect(await page.getByTestId('anonymity-statement').textContent()).toContain('pseudonym');
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('heading', { name: /Phishing sender/ }).waitFor();
    expect(await page.getByTestId('stix-json').textContent()).toContain("[email-addr:value = 'phish@evil.example']");
    await context.close();
  }, BROWSER_TEST_MS);

  it('shares at TLP:AMBER with an organisation picked by name, which can then read it', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`${hub.url}/share`);
    await page.getByLabel('Name').fill('Ransomware staging host');
    await page.getByLabel(/^Values/).fill('198.51.100.77');
    await page.getByLabel('TLP').selectOption('AMBER');
    await page.getByLabel('Find by name').fill('nord');
    await page.getByLabel('Klinikum Nord').check();
    expect(await page.getByTestId('audience-statement').textContent()).toBe('Your organisation and Klinikum Nord will be able to read it.');
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('heading', { name: /Ransomware staging host/ }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    const read = await hub.graphql<{ object: { tlp: string } | null }>('query ($id: ID!) { object(id: $id) { tlp } }', { id }, partner.token);
    expect(read.data?.object).toEqual({ tlp: 'AMBER' });
    await context.close();
  }, BROWSER_TEST_MS);

  it('looks up pasted observables', async () => {
    const { context, page } = await signedInPage();
    await page.getByRole('link', { name: 'Look up' }).click();
    await page.getByLabel(/^Values to look up/).fill('203.0.113.7\nnot-a-value!\n192.0.2.200');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('lookup-results').getByRole('link', { name: 'C2 of the week' }).waitFor();
    await page.getByRole('rowheader', { name: '192.0.2.200' }).waitFor();
    expect(await page.getByTestId('lookup-results').getByRole('row').count()).toBe(2);
    await page.getByText(/Line 2: .*not-a-value!/).waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('the session cookie cannot be read from script, and is HttpOnly and SameSite=Strict', async () => {
    const { context, page } = await signedInPage();
    const [cookie] = (await context.cookies(hub.url)).filter((candidate) => candidate.name === 'hub_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // (Expressions as text: they run in the page, whose globals the Node type-check does not know.)
    expect(await page.evaluate<string>('document.cookie')).not.toContain('hub_session');
    expect(await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).toBe('{}{}');
    await context.close();
  }, BROWSER_TEST_MS);

  it('the CSP header is on every HTML answer, and injected inline script does not run', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of ['/', '/feed', '/sign-in', `/objects/${indicatorId}`, '/lookup']) {
      const response = await page.goto(`${hub.url}${path}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
      expect(response?.headers()['x-frame-options']).toBe('DENY');
    }
    await page.goto(`${hub.url}/feed`);
    // The console's own (external) script ran under the policy: it drew the page.
    await page.getByRole('heading', { name: 'Feed' }).waitFor();
    await page.evaluate(`{
      document.body.insertAdjacentHTML('beforeend', '<img src="/nothing.png" onerror="window.injected = 1">');
      const script = document.createElement('script');
      script.textContent = 'window.injected = 2';
      document.body.appendChild(script);
    }`);
    await page.waitForTimeout(300);
    expect(await page.evaluate<string>('typeof window.injected')).toBe('undefined');
    await context.close();
  }, BROWSER_TEST_MS);

  it('after sign-out the old cookie opens nothing, in the console or the API', async () => {
    const { context, page } = await signedInPage();
    const old = await sessionOf(context, page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('signed-out-notice').filter({ hasText: 'You signed out.' }).waitFor();
    expect((await context.cookies(hub.url)).filter((cookie) => cookie.name === 'hub_session')).toEqual([]);

    const api = await sessionGraphql(hub, old, '{ me { email } }');
    expect(api.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await sessionStatus(hub, old.cookie)).body).toMatchObject({ signedIn: false, reason: 'signed_out' });

    // The old cookie put back into a browser: the console is signed out, and says so.
    const replay = await browser.newContext();
    const [name, value] = old.cookie.split('=');
    await replay.addCookies([{ name, value, url: hub.url, httpOnly: true, sameSite: 'Strict' }]);
    const replayPage = await replay.newPage();
    await replayPage.goto(`${hub.url}/sign-in`);
    await replayPage.getByTestId('signed-out-notice').waitFor();
    expect(await replayPage.getByTestId('signed-in-as').count()).toBe(0);
    await replay.close();
    await context.close();
  }, BROWSER_TEST_MS);

  it('an idle session ends with a clear "you were signed out" and a way back', async () => {
    const { context, page } = await signedInPage();
    const { csrfToken } = await sessionOf(context, page);
    await db.query(`UPDATE browser_session SET last_seen_at = now() - interval '31 minutes' WHERE csrf_token = $1`, [csrfToken]);
    await page.getByLabel('Text or STIX id').fill('C2');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByTestId('signed-out-notice').filter({ hasText: '30 minutes without activity' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/feed?q=C2');
    // Signing in again goes back to where the person was.
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'C2 of the week' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=C2');
    await context.close();
  }, BROWSER_TEST_MS);

  describe('requests forged by other pages', () => {
    let crossSite: AttackerSite;
    let sameSite: AttackerSite;

    beforeAll(async () => {
      // localhost is another site than 127.0.0.1; another port of 127.0.0.1 is the same site but another origin,
      // where SameSite=Strict no longer helps and the CSRF token must.
      [crossSite, sameSite] = await Promise.all([startAttackerSite('localhost'), startAttackerSite('127.0.0.1')]);
    });

    afterAll(async () => {
      await Promise.all([crossSite?.close(), sameSite?.close()]);
    });

    const forgedMutation = JSON.stringify({ query: 'mutation { createWatchFilter(input: { name: "forged", criteria: { tlp: [GREEN] } }) { id } }' });

    async function watchFilterNames(): Promise<string[]> {
      const response = await hub.graphql<{ watchFilters: { name: string }[] }>(WATCH_FILTERS, {}, member.token);
      return response.data!.watchFilters.map((filter) => filter.name);
    }

    it.each([['cross-site', () => crossSite], ['same-site, other origin', () => sameSite]])('a %s form post carrying the session cookie is refused', async (_kind, site) => {
      const { context, page } = await signedInPage();
      const attacker = site();
      const [key, value] = [forgedMutation.slice(0, forgedMutation.indexOf(':') + 1), forgedMutation.slice(forgedMutation.indexOf(':') + 1)];
      attacker.page(
        '/form.html',
        `<!doctype html><form id="f" method="POST" enctype="text/plain" action="${hub.url}/graphql"><input type="hidden" name='${key.replace(/'/g, '&#39;')}' value='${value.replace(/'/g, '&#39;')}'></form><script>document.getElementById('f').submit()</script>`,
      );
      const answer = page.waitForResponse((response) => response.url() === `${hub.url}/graphql` && (response.request().postData() ?? '').includes('forged'));
      await page.goto(`${attacker.url}/form.html`);
      const response = await answer;
      expect(response.status()).toBeGreaterThanOrEqual(400);
      expect(await watchFilterNames()).not.toContain('forged');
      await context.close();
    }, BROWSER_TEST_MS);

    it.each([['cross-site', () => crossSite], ['same-site, other origin', () => sameSite]])('a %s fetch carrying the session cookie is refused', async (_kind, site) => {
      const { context, page } = await signedInPage();
      const attacker = site();
      attacker.page('/blank.html', '<!doctype html><title>attacker</title>');
      await page.goto(`${attacker.url}/blank.html`);
      const outcome = await page.evaluate(
        async ({ url, body }) => {
          const results: string[] = [];
          // A JSON request needs a CORS preflight, which the hub never grants.
          try {
            const response = await fetch(`${url}/graphql`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body });
            results.push(`json:${response.status}:${await response.text()}`);
          } catch (error) {
            results.push(`json:refused:${(error as Error).name}`);
          }
          // A "simple" request goes out without a preflight (its answer stays unreadable): the hub must still refuse to act.
          try {
            await fetch(`${url}/graphql`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body });
            results.push('simple:sent');
          } catch (error) {
            results.push(`simple:refused:${(error as Error).name}`);
          }
          // Reading the session (and its CSRF token) from another origin is not possible either.
          try {
            const response = await fetch(`${url}/auth/session`, { credentials: 'include' });
            results.push(`session:${response.status}:${await response.text()}`);
          } catch (error) {
            results.push(`session:refused:${(error as Error).name}`);
          }
          return results;
        },
        { url: hub.url, body: forgedMutation },
      );
      expect(outcome[0]).toBe('json:refused:TypeError');
      expect(outcome[2]).toBe('session:refused:TypeError');
      expect(await watchFilterNames()).not.toContain('forged');
      await context.close();
    }, BROWSER_TEST_MS);
  });
});
