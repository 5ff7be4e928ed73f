import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertConsoleBuilt, launchBrowser } from '../support/browser';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, ipIndicator } from '../support/stix-builders';
import { startTestHub } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';

// A browser on a busy 2-core machine: generous, since a slow step is not what these tests are about.
const BROWSER_TEST_MS = 120_000;

type Person = { id: string; email: string; password: string; token: string };

/** The console's alerts, bundle upload, sighting report and TLP:RED to people named by e-mail, in a real browser. */
describe('the console: alerts, upload, sightings and RED recipients', () => {
  let hub: TestHub;
  let browser: Browser;
  let analyst: Person;
  let colleague: Person;
  let partner: Person;
  let partnerColleague: Person;
  let nordId: string;
  let oostId: string;

  beforeAll(async () => {
    assertConsoleBuilt();
    [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    const admin = await adminToken(hub);
    const oost = await createOrganization(hub, admin, { name: 'Ziekenhuis Oost', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'NL' });
    const nord = await createOrganization(hub, admin, { name: 'Klinikum Nord', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'DE' });
    nordId = nord.id;
    oostId = oost.id;
    [analyst, colleague, partner, partnerColleague] = await Promise.all([
      createUser(hub, admin, { email: 'soc@oost.test', role: 'ANALYST', organizationId: oost.id }),
      createUser(hub, admin, { email: 'it@oost.test', role: 'MEMBER', organizationId: oost.id }),
      createUser(hub, admin, { email: 'cert@nord.test', role: 'MEMBER', organizationId: nord.id }),
      createUser(hub, admin, { email: 'noc@nord.test', role: 'MEMBER', organizationId: nord.id }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function signIn(page: Page, person: Person): Promise<void> {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('E-mail address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  }

  async function signedInPage(person: Person = analyst): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, person);
    return { context, page };
  }

  async function readAs(person: Person, id: string): Promise<{ tlp: string } | null | undefined> {
    const answer = await hub.graphql<{ object: { tlp: string } | null }>('query ($id: ID!) { object(id: $id) { tlp } }', { id }, person.token);
    expect(answer.errors).toBeUndefined();
    return answer.data?.object;
  }

  it('uploads a bundle file and shows each object’s result, with a rejected object’s error path; a file too large is refused before sending', async () => {
    const { context, page } = await signedInPage();
    await page.getByRole('link', { name: 'Upload' }).click();
    // Dropped, not chosen: 33 MiB is above the hub's 32 MiB request limit, so nothing is sent.
    let sent = 0;
    page.on('request', (request) => void (request.url().endsWith('/graphql') && request.postData()?.includes('SubmitBundle') && sent++));
    // (An expression as text: it runs in the page, whose globals the Node type-check does not know.)
    await page.evaluate(`{
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(33 * 1024 * 1024)], 'huge.json', { type: 'application/json' }));
      document.querySelector('[data-testid="dropzone"]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }`);
    await page.getByTestId('file-problem').filter({ hasText: 'huge.json: The file is 33.0 MiB; the hub accepts at most 32 MiB in one request.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Share the bundle' }).isDisabled()).toBe(true);

    const good = ipIndicator('192.0.2.61', { name: 'Uploaded C2' });
    const bad = indicator("[ipv4-addr:value = '192.0.2.62']", { name: 'Expired before it began', valid_from: '2026-01-02T00:00:00Z', valid_until: '2026-01-01T00:00:00Z' });
    await page.getByLabel(/^A STIX 2.1 bundle/).setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle([good, bad]))) });
    await page.getByTestId('file-chosen').filter({ hasText: 'two.json: 2 objects' }).waitFor();
    await page.getByRole('button', { name: 'Share the bundle' }).click();
    await page.getByTestId('upload-summary').filter({ hasText: '1 accepted, 0 duplicates, 1 rejected' }).waitFor();
    const rows = page.getByTestId('upload-results').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-status')).toBe('ACCEPTED');
    expect(await rows.nth(0).textContent()).toContain(good.id as string);
    expect(await rows.nth(1).getAttribute('data-status')).toBe('REJECTED');
    expect(await rows.nth(1).textContent()).toContain(bad.id as string);
    expect(await rows.nth(1).textContent()).toContain('objects[1].valid_until');
    expect(sent).toBe(1);
    expect(await readAs(partner, good.id as string)).toEqual({ tlp: 'GREEN' });
    expect(await readAs(partner, bad.id as string)).toBeNull();
    await context.close();
  }, BROWSER_TEST_MS);

  it('downloads the filtered feed as a block list: what the person may read and nothing else; a filter the hub refuses is shown in its words', async () => {
    const label = 'console-export';
    await submitBundle(hub, partner.token, bundle([ipIndicator('192.0.2.81', { labels: [label] })]), 'GREEN');
    // Nord's own AMBER: labelled the same, never in Oost's file.
    await submitBundle(hub, partner.token, bundle([ipIndicator('192.0.2.82', { labels: [label] })]), 'AMBER', { organizationIds: [nordId] });
    await submitBundle(hub, colleague.token, bundle([ipIndicator('192.0.2.83', { labels: [label] }), ipIndicator('192.0.2.84', { labels: ['other'] })]), 'AMBER', { organizationIds: [oostId] });
    const { context, page } = await signedInPage();
    await page.goto(`${hub.url}/feed?labels=${label}&q=192.0.2`);
    const panel = page.getByRole('form', { name: 'Export this feed' });
    await panel.getByLabel('Format').selectOption('text');
    await panel.getByText('Not applied to the file: the text search.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^hub-export-.*\.txt$/);
    const values = (await readFile((await download.path())!, 'utf8')).trim().split('\n').sort();
    expect(values).toEqual(['192.0.2.81', '192.0.2.83']);
    await page.getByTestId('export-done').waitFor();

    // A widest TLP of GREEN leaves Oost's AMBER out.
    await panel.getByLabel('Widest TLP').selectOption('GREEN');
    const [green] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download' }).click()]);
    expect((await readFile((await green.path())!, 'utf8')).trim()).toBe('192.0.2.81');

    // The observable formats take indicators and observables only: the hub says so, by parameter.
    await page.goto(`${hub.url}/feed?types=malware`);
    await panel.getByLabel('Format').selectOption('suricata');
    await panel.getByRole('button', { name: 'Download' }).click();
    await page.getByTestId('export-problems').filter({ hasText: 'types: the suricata format writes observables' }).waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('imports: observables found in pasted text are reviewed before sharing, a CSV file runs as a job with its results, and a refusal is shown in the hub’s words', async () => {
    const { context, page } = await signedInPage();
    await page.getByRole('link', { name: 'Import' }).click();
    const textForm = page.getByRole('form', { name: 'Observables in text' });
    await textForm.getByLabel(/^An advisory, an e-mail or a list/).fill('Block now: hxxp://console-import[.]example/dropper and 192.0.2.91\nNot this one: 192.0.2.92');
    await textForm.getByRole('button', { name: 'Find observables' }).click();
    const found = page.getByTestId('found-observables');
    await found.getByText('written hxxp://console-import[.]example/dropper').waitFor();
    await found.getByRole('checkbox').nth(2).uncheck();
    await found.getByRole('button', { name: 'Share the 2 chosen' }).click();
    await page.getByTestId('import-job-status').filter({ hasText: 'done: read 2, accepted 2, rejected 0, duplicates 0' }).waitFor();
    const lookup = async (value: string) =>
      (await hub.graphql<{ lookupObservable: { indicators: unknown[] } }>('query ($v: String!) { lookupObservable(type: "ipv4-addr", value: $v) { indicators { id } } }', { v: value }, partner.token)).data?.lookupObservable.indicators.length;
    expect(await lookup('192.0.2.91')).toBe(1);
    expect(await lookup('192.0.2.92')).toBe(0);

    // A CSV with a broken row: the good rows are shared, each row's result can be downloaded.
    const fileForm = page.getByRole('form', { name: 'A file' });
    await fileForm.getByLabel('What the file holds').selectOption('csv');
    await fileForm.getByLabel(/^Column mapping/).fill('{"value": "ioc", "type": "kind"}');
    await fileForm.getByLabel(/^The file/).setInputFiles({ name: 'firewall.csv', mimeType: 'text/csv', buffer: Buffer.from('ioc,kind\n192.0.2.93,ip\n192.0.2.999,ip\n') });
    await fileForm.getByRole('button', { name: 'Import the file' }).click();
    await page.getByTestId('import-job-status').filter({ hasText: 'done: read 2, accepted 1, rejected 1, duplicates 0' }).waitFor();
    const [results] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download each item’s result (CSV)' }).click()]);
    const rows = (await readFile((await results.path())!, 'utf8')).trim().split('\r\n');
    expect(rows[0]).toBe('index,line,stix_id,status,errors');
    expect(rows).toEqual(expect.arrayContaining([expect.stringMatching(/^1,3,,REJECTED,row 3\.value: '192\.0\.2\.999' is not a valid/)]));
    await page.getByTestId('recent-imports').filter({ hasText: 'csv · GREEN · done: read 2, accepted 1, rejected 1' }).waitFor();

    // A file the hub cannot read fails the job with the reason; AMBER with nobody named is refused before sending the file.
    await fileForm.getByLabel('What the file holds').selectOption('text');
    await fileForm.getByLabel(/^The file/).setInputFiles({ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from('Indicateurs reçus: 192.0.2.94\n', 'latin1') });
    await fileForm.getByRole('button', { name: 'Import the file' }).click();
    await page.getByTestId('import-job-errors').filter({ hasText: 'file: The file is not UTF-8' }).waitFor();
    const jobCount = async () => (await hub.graphql<{ importJobs: { edges: unknown[] } }>('{ importJobs(first: 100) { edges { cursor } } }', {}, analyst.token)).data?.importJobs.edges.length;
    const before = await jobCount();
    await page.getByLabel('TLP', { exact: true }).selectOption('AMBER');
    await fileForm.getByRole('button', { name: 'Import the file' }).click();
    await page.locator('ul.form-error').filter({ hasText: 'audience: TLP AMBER needs an explicit audience' }).waitFor();
    expect(await jobCount()).toBe(before);
    await context.close();
  }, BROWSER_TEST_MS);

  it('a watch filter raises the unread count live when another member shares a match, and the alert is in the inbox', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The header subscribes to alertRaised once signed in; wait for that subscription before sharing.
    const subscribed = new Promise<void>((resolve) =>
      page.on('websocket', (socket) => socket.on('framesent', (frame) => String(frame.payload).includes('AlertRaised') && resolve())),
    );
    await signIn(page, analyst);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByText('You have no watch filters yet.').waitFor();
    await page.getByLabel('Name').fill('Nord ransomware');
    await page.getByLabel(/^Labels/).fill('ransomware-live');
    await page.getByRole('button', { name: 'Save the watch filter' }).click();
    await page.getByTestId('watch-filters').filter({ hasText: 'Nord ransomware: labels ransomware-live' }).waitFor();
    await subscribed;
    // The server registers a subscription a moment after the message (graphql-ws sends no acknowledgement).
    await page.waitForTimeout(500);

    await submitBundle(hub, partner.token, bundle([ipIndicator('198.51.100.99', { name: 'Unrelated', labels: ['other'] })]), 'GREEN');
    const match = ipIndicator('198.51.100.66', { name: 'Ransomware staging', labels: ['ransomware-live'] });
    await submitBundle(hub, partner.token, bundle([match]), 'GREEN');
    await page.getByTestId('unread-alerts').filter({ hasText: '(1)' }).waitFor({ timeout: 15_000 });
    const inbox = page.getByTestId('alerts-inbox');
    await inbox.getByRole('link', { name: 'Ransomware staging' }).waitFor();
    expect(await inbox.locator('li').count()).toBe(1);
    expect(await inbox.textContent()).toContain('matched “Nord ransomware”');
    await inbox.getByRole('button', { name: 'Mark read' }).click();
    await page.getByTestId('unread-alerts').waitFor({ state: 'detached' });
    // The count is the hub's: a reload shows the same.
    await page.reload();
    await inbox.getByRole('link', { name: 'Ransomware staging' }).waitFor();
    expect(await page.getByTestId('unread-alerts').count()).toBe(0);
    await context.close();
  }, BROWSER_TEST_MS);

  it('reports a sighting of an indicator from its object page', async () => {
    const seen = ipIndicator('203.0.113.44', { name: 'Scanner seen here' });
    await submitBundle(hub, partner.token, bundle([seen]), 'GREEN');
    const { context, page } = await signedInPage();
    await page.goto(`${hub.url}/objects/${seen.id as string}`);
    await page.getByRole('link', { name: 'Report a sighting' }).click();
    expect(await page.getByLabel('What was seen (STIX id)').inputValue()).toBe(seen.id);
    await page.getByTestId('sighted-object').getByRole('link', { name: 'Scanner seen here' }).waitFor();
    await page.getByLabel('How many times').fill('0');
    await page.getByRole('button', { name: 'Report the sighting' }).click();
    await page.getByText('A whole number from 1 to 999,999,999').waitFor();
    await page.getByLabel('How many times').fill('3');
    await page.getByLabel('First seen (optional)').fill('2026-03-01T08:00');
    await page.getByLabel('Last seen (optional)').fill('2026-03-01T09:30');
    await page.getByRole('button', { name: 'Report the sighting' }).click();
    await page.getByTestId('stix-json').filter({ hasText: '"type": "sighting"' }).waitFor();
    const stix = JSON.parse((await page.getByTestId('stix-json').textContent()) as string) as Record<string, unknown>;
    expect(stix).toMatchObject({ type: 'sighting', sighting_of_ref: seen.id, count: 3 });
    // The owner of the indicator reads the sighting (TLP:GREEN by default).
    expect(await readAs(partner, stix.id as string)).toEqual({ tlp: 'GREEN' });
    await context.close();
  }, BROWSER_TEST_MS);

  it('shares TLP:RED with a person named by e-mail: that person reads it, nobody else does', async () => {
    const { context, page } = await signedInPage();
    await page.goto(`${hub.url}/share`);
    await page.getByLabel('Name').fill('Red C2 for Nord');
    await page.getByLabel(/^Values/).fill('192.0.2.201');
    await page.getByLabel('TLP').selectOption('RED');
    const emails = page.getByLabel('Add people by the e-mail address they sign in with');
    await emails.fill('not-an-address');
    await emails.press('Enter');
    await page.getByText('not-an-address: not an e-mail address').waitFor();
    await emails.fill('Nobody@Nord.test, CERT@nord.test');
    await emails.press('Enter');
    const chips = page.getByRole('list', { name: 'People it is shared with' });
    expect(await chips.locator('li').allTextContents()).toEqual([expect.stringContaining('nobody@nord.test'), expect.stringContaining('cert@nord.test')]);
    // The hub names an address that is no active person; nothing is stored.
    await page.getByRole('button', { name: 'Share' }).click();
    await chips.getByText('is not the sign-in e-mail of an active person of the hub').waitFor();
    await page.getByRole('button', { name: 'Remove nobody@nord.test' }).click();
    expect(await page.getByTestId('red-statement').textContent()).toBe('Only cert@nord.test will be able to read it (and nobody else in their organisations).');
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('heading', { name: /Red C2 for Nord/ }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    expect(await readAs(partner, id)).toEqual({ tlp: 'RED' });
    expect(await readAs(partnerColleague, id)).toBeNull();
    expect(await readAs(colleague, id)).toBeNull();
    await context.close();

    // The named person sees it in the console too; the colleague at the same organisation does not.
    const nord = await signedInPage(partner);
    await nord.page.goto(`${hub.url}/objects/${id}`);
    await nord.page.getByRole('heading', { name: /Red C2 for Nord/ }).waitFor();
    await nord.context.close();
    const other = await signedInPage(partnerColleague);
    await other.page.goto(`${hub.url}/feed`);
    await other.page.getByTestId('feed').waitFor();
    expect(await other.page.getByRole('link', { name: 'Red C2 for Nord' }).count()).toBe(0);
    await other.context.close();
  }, BROWSER_TEST_MS);
});
