import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { assertConsoleBuilt, launchBrowser } from '../support/browser';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, relationship, sighting } from '../support/stix-builders';
import { startTestHub, TEST_ADMIN } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';

// A browser on a busy 2-core machine: generous, since a slow step is not what these tests are about.
const BROWSER_TEST_MS = 60_000;
// CONSOLE_SCREENSHOTS=1 refreshes the pictures of docs/console.md; other runs leave the repository alone.
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS === '1' ? 'docs/console' : undefined;
const picture = (page: Page, name: string) => (SCREENSHOTS ? page.screenshot({ path: `${SCREENSHOTS}/${name}.png` }) : Promise.resolve());

type Person = { email: string; password: string; token: string };

/**
 * The console pages added last: the organisation's assets and the alert they raise, supply-chain
 * exposure, the incident form, the public impact page, the object's score and the sighting type.
 * Clinic (HEALTHCARE_PROVIDER) declares; Vendor shares; Outsider must see none of Clinic's lists.
 */
describe('the console: assets, exposure, incidents, impact, score and sightings', () => {
  let hub: TestHub;
  let browser: Browser;
  let clinic: Person;
  let vendor: Person;
  let outsider: Person;

  beforeAll(async () => {
    assertConsoleBuilt();
    [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    const admin = await adminToken(hub);
    const organization = (name: string, sector: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector, country: 'DE' });
    const [clinicOrg, vendorOrg, outsiderOrg] = await Promise.all([
      organization('Sankt Clinic', 'HEALTHCARE_PROVIDER'),
      organization('Vendor Software', 'IT_SUPPLIER'),
      organization('Outsider Lab', 'HEALTHCARE_PROVIDER'),
    ]);
    [clinic, vendor, outsider] = await Promise.all([
      createUser(hub, admin, { email: 'soc@clinic.test', role: 'MEMBER', organizationId: clinicOrg.id }),
      createUser(hub, admin, { email: 'psirt@vendor.test', role: 'MEMBER', organizationId: vendorOrg.id }),
      createUser(hub, admin, { email: 'it@outsider.test', role: 'MEMBER', organizationId: outsiderOrg.id }),
    ]);
    if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function signedIn(who: { email: string; password: string }, next: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${hub.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    if (next === '/lookup') await picture(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  /** Reloads the page until `ready` is there: the hub matches in the background. */
  async function eventually(page: Page, ready: () => Promise<unknown>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await ready();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await page.reload();
      }
    }
  }

  it(
    "saves the clinic's asset list with the hub's error at its line, then alerts it to a vendor's indicator that mentions an asset",
    async () => {
      const page = await signedIn(clinic, '/organization/assets');
      await page.getByRole('heading', { name: 'Our assets' }).waitFor();
      await page.getByRole('button', { name: 'Save the list' }).and(page.locator(':enabled')).waitFor();
      await page.getByLabel(/^Entries/).fill('sankt-clinic.example # main domain\n\n10.9.8.7/16 # campus\n');
      await page.getByRole('button', { name: 'Save the list' }).click();
      await page.getByRole('alert').locator('li').first().waitFor();
      const refusal = await page.getByRole('alert').locator('li').allTextContents();
      expect(refusal).toEqual(["line 3: '10.9.8.7/16' has host bits set (did you mean 10.9.0.0/16?)"]);
      await page.getByLabel(/^Entries/).fill('sankt-clinic.example # main domain\n\n10.9.0.0/16 # campus\n');
      await page.getByRole('button', { name: 'Save the list' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved 2 entries.' }).waitFor();
      expect(await page.getByLabel('Entries (2 saved)').inputValue()).toBe('DOMAIN sankt-clinic.example # main domain\nCIDR 10.9.0.0/16 # campus');
      await picture(page, 'assets');

      const shared = indicator("[domain-name:value = 'vpn.sankt-clinic.example']", { name: 'Clinic VPN phishing' });
      expect(await submitBundle(hub, vendor.token, bundle([shared]), 'GREEN')).toMatchObject({ accepted: 1, rejected: 0 });
      await page.goto(`${hub.url}/alerts`);
      const inbox = page.getByTestId('alerts-inbox');
      await eventually(page, () => inbox.getByRole('link', { name: 'Clinic VPN phishing' }).waitFor({ timeout: 1_000 }));
      expect(await inbox.locator('li').count()).toBe(1);
      expect(await inbox.locator('li .muted').first().textContent()).toMatch(
        /^\(indicator\) mentions vpn\.sankt-clinic\.example, one of your organisation's assets \(sankt-clinic\.example\) at /,
      );
      await picture(page, 'alerts');
      const watchForm = page.getByRole('form', { name: 'New watch filter' });
      await watchForm.getByLabel('Name').fill('Ransomware against us');
      await watchForm.getByLabel('Labels (comma-separated)').fill('ransomware');
      await watchForm.locator('button[type="submit"]').scrollIntoViewIfNeeded();
      await picture(page, 'watch-filters');
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "lists the exposure of the clinic's inventory to a vendor's advisory, and takes its triage",
    async () => {
      const page = await signedIn(clinic, '/exposure');
      const declare = page.getByRole('form', { name: 'Declare an inventory' });
      await declare.getByLabel('Name (the same name again makes a new version)').fill('Ward PCs');
      await declare.getByLabel('Format').selectOption('PURL_LIST');
      await declare.getByLabel('Or paste it').fill('pkg:npm/minimist@1.2.5\npkg:npm/express@4.18.2\n');
      await declare.getByRole('button', { name: 'Declare' }).click();
      const inventories = page.getByRole('region', { name: 'Inventories' });
      await inventories.locator('li').filter({ hasText: 'Ward PCs — version 1, PURL_LIST, 2 components' }).waitFor();

      const software = { type: 'software', spec_version: '2.1', id: `software--${crypto.randomUUID()}`, name: 'minimist', x_hub_purl: 'pkg:npm/minimist', x_hub_version_range: 'vers:npm/<1.2.6' };
      const advisory = {
        type: 'vulnerability',
        spec_version: '2.1',
        id: `vulnerability--${crypto.randomUUID()}`,
        created: '2026-11-01T00:00:00.000Z',
        modified: '2026-11-01T00:00:00.000Z',
        name: 'CVE-2026-41001',
        external_references: [{ source_name: 'cve', external_id: 'CVE-2026-41001' }],
      };
      expect(await submitBundle(hub, vendor.token, bundle([software, advisory, relationship(software.id, 'has', advisory.id)]), 'GREEN')).toMatchObject({ accepted: 3, rejected: 0 });

      const exposures = page.getByRole('region', { name: 'Exposures' });
      await eventually(page, () => exposures.getByRole('link', { name: 'CVE-2026-41001' }).waitFor({ timeout: 1_000 }));
      const row = exposures.locator('tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.locator('td').evaluateAll((cells) => cells.slice(0, 3).map((cell) => cell.textContent))).toEqual(['CVE-2026-41001', 'minimist 1.2.5 (purl)', 'ward pcs']);
      await exposures.getByRole('heading', { name: 'Exposures' }).scrollIntoViewIfNeeded();
      await picture(page, 'exposure');
      await row.getByRole('button', { name: 'not affected' }).click();
      await row.locator('button[aria-pressed="true"]', { hasText: 'not affected' }).waitFor();
      expect(await row.getAttribute('class')).toBe('silenced');
      const triaged = await hub.graphql<{ exposures: { edges: { node: { status: string } }[] } }>('{ exposures(first: 5) { edges { node { status } } } }', {}, clinic.token);
      expect(triaged.data?.exposures.edges.map(({ node }) => node.status)).toEqual(['NOT_AFFECTED']);
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "shows someone of another organisation none of the clinic's assets, inventories or exposures",
    async () => {
      const page = await signedIn(outsider, '/organization/assets');
      await page.getByLabel('Entries (0 saved)').waitFor();
      expect(await page.getByLabel('Entries (0 saved)').inputValue()).toBe('');
      const pages: [string, string | RegExp][] = [
        ['/organization/assets', 'Entries (0 saved)'],
        ['/exposure', 'No shared advisory matches your inventories.'],
        ['/alerts', /^No alerts\./],
      ];
      for (const [path, drawn] of pages) {
        await page.goto(`${hub.url}${path}`);
        await page.getByRole('main').getByText(drawn).first().waitFor();
        await page.getByRole('main').getByText('Loading…').waitFor({ state: 'detached' });
        if (path === '/exposure') expect(await page.getByRole('region', { name: 'Inventories' }).locator('li').count()).toBe(0);
        const text = await page.content();
        expect({ path, leaks: ['sankt-clinic', '10.9.0.0', 'Ward PCs', 'ward pcs', 'minimist', 'CVE-2026-41001'].filter((value) => text.includes(value)) }).toEqual({ path, leaks: [] });
      }
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'reports an incident through the guided form and opens it as an object; the public impact page needs no sign-in',
    async () => {
      const page = await signedIn(clinic, '/incidents/new');
      await page.getByRole('heading', { name: 'Report an incident and its care impact' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Ransomware on the ward PCs');
      await page.getByLabel(/^Incident types/).fill('ransomware');
      await page.getByLabel('Care disrupted from (UTC)').fill('2026-11-02T06:00');
      await page.getByLabel('Care fell back to paper').check();
      await page.getByLabel('TLP', { exact: true }).selectOption('GREEN');
      await page.getByRole('group', { name: 'Impact on patient care' }).scrollIntoViewIfNeeded();
      await page.getByLabel('Care disrupted from (UTC)').scrollIntoViewIfNeeded();
      await picture(page, 'incident-form');
      await page.getByRole('button', { name: 'Report', exact: true }).click();
      await page.waitForURL(/\/objects\/incident--/);
      await page.getByRole('heading', { name: /Ransomware on the ward PCs/ }).waitFor();
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
      const stored = await hub.graphql<{ object: { type: string; tlp: string; stix: { name: string } } }>('query ($id: ID!) { object(id: $id) { type tlp stix } }', { id }, vendor.token);
      expect({ type: stored.data?.object.type, tlp: stored.data?.object.tlp, name: stored.data?.object.stix.name }).toEqual({ type: 'incident', tlp: 'GREEN', name: 'Ransomware on the ward PCs' });
      await page.context().close();

      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const anonymous = await context.newPage();
      await anonymous.goto(`${hub.url}/impact`);
      await anonymous.getByRole('heading', { name: 'Attacks on healthcare: the impact on patient care' }).waitFor();
      expect(new URL(anonymous.url()).pathname).toBe('/impact');
      expect(await anonymous.getByTestId('impact-summary').locator('tfoot th').textContent()).toBe('All months');
      await picture(anonymous, 'impact');
      await context.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "shows an indicator's score and sighting totals, and offers the sighting's type",
    async () => {
      const x = indicator("[ipv4-addr:value = '198.51.100.23']", { name: 'Scored indicator', confidence: 80 });
      expect(await submitBundle(hub, vendor.token, bundle([x, sighting(x.id as string, { count: 3 })]), 'GREEN')).toMatchObject({ accepted: 2 });
      const page = await signedIn(clinic, `/objects/${x.id as string}`);
      const score = page.getByTestId('object-score');
      await score.waitFor();
      expect(await score.locator('dt').allTextContents()).toEqual(['Score', 'Sightings you may read']);
      expect(await score.locator('dd').nth(1).textContent()).toBe('3 seen · 0 false positives · 0 expired');
      expect(await score.locator('dd').first().textContent()).toMatch(/^\d{1,3} \/ 100$/);

      await page.getByRole('link', { name: 'Report a sighting' }).click();
      await page.getByTestId('sighted-object').filter({ hasText: 'Scored indicator' }).waitFor();
      const choice = page.getByRole('group', { name: 'What happened' });
      expect(await choice.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as unknown as { value: string }).value))).toEqual(['SIGHTING', 'FALSE_POSITIVE', 'EXPIRATION']);
      await choice.getByRole('radio', { name: /False positive: it matched something harmless/ }).check();
      await picture(page, 'sighting');
      await page.getByRole('button', { name: 'Report the sighting' }).click();
      await page.waitForURL(/\/objects\/sighting--/);
      await page.goto(`${hub.url}/objects/${x.id as string}`);
      await page.getByTestId('object-score').locator('dd').filter({ hasText: '3 seen · 1 false positive · 0 expired' }).waitFor();

      await page.goto(`${hub.url}/lookup`);
      await page.getByRole('main').locator('textarea').first().fill('198.51.100.23\nnot a value');
      await page.getByRole('main').getByRole('button').first().click();
      await page.getByRole('main').getByText('Scored indicator').first().waitFor();
      await picture(page, 'lookup');
      await page.goto(`${hub.url}/upload`);
      await page.getByRole('main').locator('h1').first().waitFor();
      await picture(page, 'upload');
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'draws the operator pages (people, API keys, sharing groups, audit log)',
    async () => {
      const page = await signedIn(TEST_ADMIN, '/lookup');
      for (const [path, heading, name] of [
        ['/admin/people', 'People', 'admin-people'],
        ['/admin/api-keys', 'API keys', 'admin-api-keys'],
        ['/admin/sharing-groups', 'Sharing groups', 'admin-sharing-groups'],
      ]) {
        await page.goto(`${hub.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await page.getByRole('main').getByText('Loading…').waitFor({ state: 'detached' });
        await picture(page, name);
      }
      await page.goto(`${hub.url}/admin/audit-log`);
      await page.getByLabel('Action').fill('auth.login');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByTestId('audit-log').locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('audit-log').locator('tbody tr td:nth-child(2)').first().textContent()).toBe('auth.login');
      await picture(page, 'admin-audit-log');
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );
});
