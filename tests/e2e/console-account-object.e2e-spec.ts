import type { Browser, Page } from 'playwright-core';
import { assertConsoleBuilt, launchBrowser } from '../support/browser';
import { sessionGraphql, sessionStatus, signInSession, signOutSession } from '../support/console-session';
import { adminToken, createApiKey, createOrganization, createUser, createUserWithFirstPassword, login } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, malware, nextVersion, relationship, sighting } from '../support/stix-builders';
import { startTestHub, TEST_ADMIN } from '../support/test-hub';
import type { GraphqlResponse, TestHub } from '../support/test-hub';
import { connectLive } from '../support/ws-client';

const BROWSER_TEST_MS = 120_000;
// CONSOLE_SCREENSHOTS=1 refreshes the pictures of docs/console.md; other runs leave the repository alone.
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS === '1' ? 'docs/console' : undefined;
const picture = (page: Page, name: string, fullPage = false) => (SCREENSHOTS ? page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage }) : Promise.resolve());
const REQUIRED = { code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' };

/** Asks `check` every 50 ms until it says yes; fails after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the page');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function refusal(response: GraphqlResponse): unknown {
  const [error] = response.errors ?? [];
  return { code: error?.extensions?.code, reason: (error?.extensions as { reason?: string } | undefined)?.reason, data: response.data ?? null };
}

/**
 * Two parts of the console on one hub and one browser. First: a person whose password an admin set (a new account, a reset) must choose their own before
 * anything else: the server refuses every other operation of theirs, in GraphQL and over HTTP, with
 * a token or a session; the console sends them to the page that does it. Their keys keep working.
 */
describe('the console and API: the password an admin set, and the object page', () => {
  let hub: TestHub;
  let browser: Browser;
  let admin: string;
  let organizationId: string;

  beforeAll(async () => {
    assertConsoleBuilt();
    [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    admin = await adminToken(hub);
    organizationId = (await createOrganization(hub, admin, { name: 'Klinikum Ost', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'DE' })).id;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('allows only me, changePassword and signing in or out with a token, until the password is changed', async () => {
    const person = await createUserWithFirstPassword(hub, admin, { email: 'new@ost.test', role: 'MEMBER', organizationId, password: 'first password from admin 1' });
    const me = await hub.graphql<{ me: { email: string; mustChangePassword: boolean } }>('{ me { email mustChangePassword } }', {}, person.token);
    expect(me.data).toEqual({ me: { email: 'new@ost.test', mustChangePassword: true } });

    // A public read, a member read, a mutation and renewing the token: all refused alike.
    expect(refusal(await hub.graphql('{ objects(first: 1) { totalCount } }', {}, person.token))).toEqual({ ...REQUIRED, data: null });
    expect(refusal(await hub.graphql('{ alerts(first: 1) { totalCount } }', {}, person.token))).toEqual({ ...REQUIRED, data: null });
    expect(refusal(await hub.graphql('mutation { createApiKey(input: { name: "k" }) { key } }', {}, person.token))).toEqual({ ...REQUIRED, data: null });
    expect(refusal(await hub.graphql('mutation { renewToken { token } }', {}, person.token))).toEqual({ ...REQUIRED, data: null });
    // The same read without the credential is the public's: the refusal is about the credential, not the data.
    expect((await hub.graphql('{ objects(first: 1) { totalCount } }')).errors).toBeUndefined();

    // An HTTP endpoint that takes the credential.
    const exported = await fetch(`${hub.url}/export/stix`, { headers: { authorization: `Bearer ${person.token}` } });
    expect(exported.status).toBe(403);
    expect(await exported.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });

    const same = await hub.graphql('mutation ($p: String!) { changePassword(currentPassword: $p, newPassword: $p) { token } }', { p: person.password }, person.token);
    expect(same.errors?.[0].extensions?.errors).toEqual([{ path: 'newPassword', message: 'must differ from the current password' }]);
    const changed = await hub.graphql<{ changePassword: { token: string; user: { mustChangePassword: boolean } } }>(
      'mutation ($p: String!) { changePassword(currentPassword: $p, newPassword: "my very own passphrase 2") { token user { mustChangePassword } } }',
      { p: person.password },
      person.token,
    );
    expect(changed.data?.changePassword.user).toEqual({ mustChangePassword: false });
    expect((await hub.graphql('{ objects(first: 1) { totalCount } }', {}, changed.data!.changePassword.token)).errors).toBeUndefined();
    expect((await fetch(`${hub.url}/export/stix`, { headers: { authorization: `Bearer ${changed.data!.changePassword.token}` } })).status).toBe(200);
  });

  it('refuses a session the same way, in GraphQL and subscriptions, and lets it read /auth/session and sign out', async () => {
    await createUserWithFirstPassword(hub, admin, { email: 'session@ost.test', role: 'ANALYST', organizationId, password: 'first password from admin 3' });
    const session = await signInSession(hub, 'session@ost.test', 'first password from admin 3');
    expect(session.body.user).toMatchObject({ email: 'session@ost.test', mustChangePassword: true });
    expect(refusal(await sessionGraphql(hub, session, '{ objects(first: 1) { totalCount } }'))).toEqual({ ...REQUIRED, data: null });
    expect((await sessionGraphql(hub, session, '{ me { email } }')).data).toEqual({ me: { email: 'session@ost.test' } });

    const live = await connectLive(hub.url, { cookie: session.cookie, csrf: session.csrfToken });
    try {
      const subscription = await live.subscribe('subscription { objectAdded { id } }');
      expect(subscription.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining(REQUIRED) })]);
    } finally {
      await live.close();
    }

    const status = await sessionStatus(hub, session.cookie);
    expect(status.body).toMatchObject({ signedIn: true, user: { mustChangePassword: true } });
    expect((await signOutSession(hub, session)).status).toBe(204);
    expect((await sessionStatus(hub, session.cookie)).body.signedIn).toBe(false);
  });

  it('leaves the API keys of a person whose password an admin resets working', async () => {
    const person = await createUser(hub, admin, { email: 'scripter@ost.test', role: 'MEMBER', organizationId });
    const { key } = await createApiKey(hub, person.token, { name: 'SIEM', distribution: 'INTERNAL' });
    const reset = await hub.graphql<{ resetUserPassword: { mustChangePassword: boolean } }>(
      'mutation ($id: ID!) { resetUserPassword(id: $id, password: "reset by the admin 4") { mustChangePassword } }',
      { id: person.id },
      admin,
    );
    expect(reset.data).toEqual({ resetUserPassword: { mustChangePassword: true } });
    const token = await login(hub, person.email, 'reset by the admin 4');
    expect(refusal(await hub.graphql('{ objects(first: 1) { totalCount } }', {}, token))).toEqual({ ...REQUIRED, data: null });
    expect((await hub.graphql('{ objects(first: 1) { totalCount } }', {}, key)).errors).toBeUndefined();
    expect((await fetch(`${hub.url}/export/stix`, { headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it(
    'sends the person to the change-password page in the console before anything else',
    async () => {
      await createUserWithFirstPassword(hub, admin, { email: 'browser@ost.test', role: 'MEMBER', organizationId, password: 'first password from admin 5' });
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await context.newPage();
        await page.goto(`${hub.url}/sign-in?next=${encodeURIComponent('/lookup')}`);
        await page.getByLabel('E-mail address').fill('browser@ost.test');
        await page.getByLabel('Password').fill('first password from admin 5');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByTestId('password-change-required').waitFor();
        expect(new URL(page.url()).pathname).toBe('/account/password');
        await picture(page, 'change-password');
        expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

        // A page asked for directly comes back here too.
        await page.goto(`${hub.url}/feed`);
        await page.getByTestId('password-change-required').waitFor();

        await page.getByLabel('Current password').fill('not the password');
        await page.getByLabel('New password', { exact: true }).fill('chosen by me at last 6');
        await page.getByLabel('New password again').fill('chosen by me at last 7');
        await page.getByRole('button', { name: 'Change password' }).click();
        expect(await page.getByText('differs from the new password').textContent()).toBe('differs from the new password');

        await page.getByLabel('New password again').fill('chosen by me at last 6');
        await page.getByRole('button', { name: 'Change password' }).click();
        expect(await page.locator('#current-password-error').textContent()).toBe('is not your current password');

        await page.getByLabel('Current password').fill('first password from admin 5');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/feed');
        expect(await page.getByTestId('signed-in-as').textContent()).toBe('browser@ost.test');
        await expect(login(hub, 'browser@ost.test', 'chosen by me at last 6')).resolves.toEqual(expect.any(String));
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_MS,
  );

  describe('the object page', () => {
    let owner: { email: string; password: string; token: string };
    let recipient: { email: string; password: string };
    let outsider: { email: string; password: string };
    const x = indicator("[domain-name:value = 'drawn.example']", { name: 'Drawn indicator' });
    const shown = malware('Open family');
    const hidden = malware('Hidden family');

    beforeAll(async () => {
      const organization = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'PHARMA', country: 'AT' });
      const [alpha, bravo, charlie] = await Promise.all([organization('Alpha Pharma'), organization('Bravo Pharma'), organization('Charlie Pharma')]);
      owner = await createUser(hub, admin, { email: 'owner@alpha.test', role: 'MEMBER', organizationId: alpha.id });
      recipient = await createUser(hub, admin, { email: 'reader@bravo.test', role: 'MEMBER', organizationId: bravo.id });
      outsider = await createUser(hub, admin, { email: 'outsider@charlie.test', role: 'MEMBER', organizationId: charlie.id });
      const bravoOnly = { organizationIds: [bravo.id] };
      expect(await submitBundle(hub, owner.token, bundle([x, shown, relationship(x.id as string, 'indicates', shown.id as string), relationship(x.id as string, 'indicates', hidden.id as string), sighting(x.id as string, { count: 2 })]), 'CLEAR')).toMatchObject({ accepted: 5 });
      expect(await submitBundle(hub, owner.token, bundle([hidden, sighting(x.id as string, { count: 7 })]), 'AMBER', bravoOnly)).toMatchObject({ accepted: 2 });
      expect(await submitBundle(hub, owner.token, bundle([nextVersion(x, { description: 'second look' })]), 'CLEAR')).toMatchObject({ accepted: 1 });
    }, 60_000);

    async function objectPage(who: { email: string; password: string }) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/sign-in?next=${encodeURIComponent(`/objects/${x.id as string}`)}`);
      await page.getByLabel('E-mail address').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('relationship-list').waitFor();
      await page.getByTestId('object-versions').locator('table').waitFor();
      await page.getByTestId('object-sightings').locator('table').waitFor();
      return { page, context };
    }

    it(
      'draws the relationships a recipient may follow, with sightings and versions',
      async () => {
        const { page, context } = await objectPage(recipient);
        try {
          // The other ends are named once their own reads are in.
          await page.getByTestId('relationship-list').getByRole('link', { name: 'Hidden family' }).waitFor();
          expect(await page.getByTestId('relationship-graph').locator('.graph-node').count()).toBe(3);
          expect((await page.getByTestId('relationship-list').locator('li').allTextContents()).sort()).toEqual(
            [`indicates → Hidden family (${hidden.id as string})`, `indicates → Open family (${shown.id as string})`],
          );
          expect((await page.getByTestId('relationship-graph').locator('.graph-node text').allTextContents()).sort()).toEqual(['Hidden family', 'Open family', `indicator ${(x.id as string).slice(11, 19)}`]);
          expect(await page.getByTestId('object-sightings').locator('caption').textContent()).toBe('2 sightings you may read');
          expect(await page.getByTestId('object-sightings').locator('tbody td:nth-child(2)').allTextContents()).toEqual(['7', '2']);
          expect(await page.getByTestId('object-versions').locator('caption').textContent()).toBe('2 versions you may read, newest first');
          await picture(page, 'object', true);
          await page.getByTestId('relationship-list').getByRole('link', { name: 'Hidden family' }).click();
          await page.getByRole('heading', { name: /Hidden family/ }).waitFor();
        } finally {
          await context.close();
        }
      },
      BROWSER_TEST_MS,
    );

    it(
      'filters the feed by the source sector, kept in the address bar',
      async () => {
        const { page, context } = await objectPage(outsider);
        try {
          await page.goto(`${hub.url}/feed`);
          await page.getByLabel('Source sector').selectOption('GOVERNMENT');
          await page.getByRole('button', { name: 'Apply filters' }).click();
          await page.getByText('No objects match.').waitFor();
          expect(new URL(page.url()).searchParams.get('sector')).toBe('GOVERNMENT');
          await page.getByLabel('Source sector').selectOption('PHARMA');
          await page.getByRole('button', { name: 'Apply filters' }).click();
          await page.getByTestId('feed').getByRole('link', { name: 'Drawn indicator' }).waitFor();
          expect(new URL(page.url()).searchParams.get('sector')).toBe('PHARMA');
          await picture(page, 'feed');
        } finally {
          await context.close();
        }
      },
      BROWSER_TEST_MS,
    );

    it(
      'checks a pattern in the share form as it is typed, with the hub parser\'s line and column, before anything is sent',
      async () => {
        const { page, context } = await objectPage(owner);
        try {
          await page.getByRole('link', { name: 'Share' }).click();
          await page.getByLabel('Name').fill('Checked before sending');
          const sent: string[] = [];
          page.on('request', (request) => {
            if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('SubmitIndicator')) sent.push(request.url());
          });
          await page.getByLabel('STIX pattern').fill("[ipv4-addr:value = '192.0.2.1'");
          await page.getByTestId('pattern-error').filter({ hasText: "line 1, column 31: expected ']' but found end of pattern" }).waitFor();
          await picture(page, 'share');
          expect(await page.getByLabel('STIX pattern').getAttribute('aria-invalid')).toBe('true');
          await page.getByLabel('STIX pattern').fill("[ipv4-addr:value = '192.0.2.1']");
          await page.locator('#share-pattern[aria-invalid="false"]').waitFor();
          expect(await page.getByTestId('pattern-error').textContent()).toBe('');
          expect(sent).toEqual([]);
        } finally {
          await context.close();
        }
      },
      BROWSER_TEST_MS,
    );

    it(
      'shows someone outside the audience nothing of the hidden end: no node, no id, no name, no count',
      async () => {
        const { page, context } = await objectPage(outsider);
        try {
          expect(await page.getByTestId('relationship-graph').locator('.graph-node').count()).toBe(2);
          await page.getByTestId('relationship-list').getByRole('link', { name: 'Open family' }).waitFor();
          expect(await page.getByTestId('relationship-list').locator('li').allTextContents()).toEqual([`indicates → Open family (${shown.id as string})`]);
          expect(await page.getByTestId('object-sightings').locator('caption').textContent()).toBe('1 sighting you may read');
          const html = await page.content();
          expect(html).not.toContain(hidden.id as string);
          expect(html).not.toContain('Hidden family');
        } finally {
          await context.close();
        }
      },
      BROWSER_TEST_MS,
    );
  });

  describe('keyboard and screen readers', () => {
    const PAGES = ['/feed', '/lookup', '/share', '/upload', '/alerts', '/organization/assets', '/exposure', '/incidents/new', '/impact', '/sightings/new', '/trends', '/trends/briefing', '/account/password', '/admin/organizations', '/admin/people', '/admin/sharing-groups', '/admin/api-keys', '/admin/audit-log'];

    /** Form controls shown on the page without an accessible name (label, aria-label, aria-labelledby, title, or a button's text). */
    // Run in the page (a string: this file is compiled without the DOM's types).
    const UNNAMED_CONTROLS = `[...document.querySelectorAll('input, select, textarea, button')]
      .filter((element) => element.type !== 'hidden' && element.getClientRects().length > 0)
      .filter((element) => {
        const text = (value) => Boolean(value && value.trim());
        const labelled = (element.getAttribute('aria-labelledby') ?? '').split(/\\s+/).some((id) => text(document.getElementById(id)?.textContent));
        const labels = [...(element.labels ?? [])].some((label) => text(label.textContent));
        const own = element.tagName === 'BUTTON' ? text(element.textContent) : ['submit', 'button', 'reset'].includes(element.type) && text(element.value);
        return !(labelled || labels || own || text(element.getAttribute('aria-label')) || text(element.getAttribute('title')));
      })
      .map((element) => element.outerHTML.slice(0, 160))`;

    it(
      'names every form control, has the landmarks and a skip link first, and lets the keyboard reach the main actions',
      async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        try {
          const page = await context.newPage();
          await page.goto(`${hub.url}/sign-in`);
          expect(await page.evaluate<string[]>(UNNAMED_CONTROLS)).toEqual([]);
          await page.getByLabel('E-mail address').fill(TEST_ADMIN.email);
          await page.getByLabel('Password').fill(TEST_ADMIN.password);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByTestId('signed-in-as').waitFor();
          const unnamed: Record<string, string[]> = {};
          for (const path of PAGES) {
            // Within the console (History API), as a person moves between pages: no reload each time.
            await page.evaluate(`window.history.pushState(null, '', ${JSON.stringify(path)}); window.dispatchEvent(new PopStateEvent('popstate'))`);
            await page.getByRole('main').locator('h1').first().waitFor();
            // Pages draw their controls once their data is in: wait until nothing says it is loading.
            // Polled from here: waitForFunction would poll inside the page with eval, which the console's CSP refuses.
            await waitUntil(() => page.evaluate<boolean>(`!document.querySelector('[aria-busy="true"]') && !/Loading/.test(document.querySelector('main')?.textContent ?? '')`));
            const found = await page.evaluate<string[]>(UNNAMED_CONTROLS);
            if (found.length) unnamed[path] = found;
            expect([await page.getByRole('banner').count(), await page.getByRole('navigation', { name: 'Main' }).count(), await page.getByRole('main').count()]).toEqual([1, 1, 1]);
          }
          expect(unnamed).toEqual({});
          // The check finds what it looks for: a control without a name is reported.
          await page.evaluate(`document.querySelector('main').append(document.createElement('input'))`);
          expect(await page.evaluate<string[]>(UNNAMED_CONTROLS)).toEqual(['<input>']);

          // The first Tab lands on the skip link, which takes the focus past the navigation.
          await page.goto(`${hub.url}/feed`);
          await page.getByRole('button', { name: 'Apply filters' }).waitFor();
          await page.keyboard.press('Tab');
          expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to content');
          expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
          await page.keyboard.press('Enter');
          expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
          // From the content, Tab on until the feed's main action has the focus.
          let reached = false;
          for (let step = 0; step < 40 && !reached; step++) {
            await page.keyboard.press('Tab');
            reached = await page.evaluate<boolean>("document.activeElement?.textContent === 'Apply filters'");
          }
          expect(reached).toBe(true);
          expect(await page.getByTestId('new-objects-status').getAttribute('aria-live')).toBe('polite');
          expect(await page.getByTestId('unread-alerts-status').getAttribute('role')).toBe('status');
        } finally {
          await context.close();
        }
      },
      BROWSER_TEST_MS,
    );
  });
});
