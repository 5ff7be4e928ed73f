import { consolePath } from '@hub/console-routes';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import { FormErrors } from '../components/form-errors';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { formatAssetText, lineOfError, parseAssetText } from './asset-list-text';
import { ORGANIZATION_ASSETS, SET_ORGANIZATION_ASSETS } from './documents';
import type { SavedAsset } from './documents';

// Those who share for the organisation edit its list (the hub refuses everyone else in any case).
const EDITORS = new Set(['MEMBER', 'ANALYST']);

/** The organisation's private asset list: pasted and edited as text, one entry a line. */
export function AssetsPage() {
  const hub = useConsole();
  const [saved, setSaved] = useState<SavedAsset[]>();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!hub.session) return;
    hub.client.request(ORGANIZATION_ASSETS, {}).then(
      (data) => {
        setSaved(data.organizationAssets);
        setText(formatAssetText(data.organizationAssets));
      },
      (reason: unknown) => setErrors([reason instanceof Error ? reason.message : 'The hub did not answer; try again']),
    );
  }, [hub.client, hub.session]);

  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('organizationAssets'))}`}>Sign in</Link> to see your organisation&apos;s assets.
      </p>
    );
  }
  const canEdit = EDITORS.has(hub.session.user.role);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAssetText(text);
    setBusy(true);
    setErrors(undefined);
    setNotice(undefined);
    try {
      const data = await hub.client.request(SET_ORGANIZATION_ASSETS, { input: { entries: parsed.entries } });
      setSaved(data.setOrganizationAssets);
      setText(formatAssetText(data.setOrganizationAssets));
      setNotice(`Saved ${data.setOrganizationAssets.length} entries. New entries were checked against what is already shared; matches are in your alerts.`);
    } catch (reason) {
      if (!(reason instanceof GraphqlRequestError)) setErrors(['The hub did not answer; try again']);
      else {
        const fieldErrors = reason.issues.flatMap((issue) => issue.fieldErrors);
        setErrors(fieldErrors.length ? fieldErrors.map((error) => `${lineOfError(error.path, parsed.lines) ?? error.path}: ${error.message}`) : [reason.message]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="assets-title">
      <h1 id="assets-title">Our assets</h1>
      <p>
        Your organisation&apos;s domains and address ranges. When another member shares an object that mentions one of them and your people may read it, they get an{' '}
        <Link href={consolePath('alerts')}>alert</Link>. Nobody outside your organisation, operators included, can read this list.
      </p>
      <p className="muted">
        One entry a line: <code>[KIND] value [# comment]</code>. KIND is DOMAIN (the domain and its subdomains; the default for names), HOSTNAME (that name only), CIDR (the default for
        blocks) or IP (the default for addresses). At most 10,000 entries.
      </p>
      <form className="share" onSubmit={(event) => void save(event)}>
        <label htmlFor="assets-text">Entries{saved ? ` (${saved.length} saved)` : ''}</label>
        <textarea
          id="assets-text"
          data-testid="assets-text"
          rows={16}
          value={text}
          readOnly={!canEdit}
          onChange={(event) => setText(event.target.value)}
          placeholder={'example-hospital.org # main domain\nHOSTNAME portal.example-hospital.org\n10.1.0.0/16 # campus'}
        />
        {canEdit ? (
          <button type="submit" disabled={busy || !saved}>
            Save the list
          </button>
        ) : (
          <p className="muted">Members and analysts of your organisation can change the list.</p>
        )}
      </form>
      <FormErrors messages={errors} />
      {notice ? <p role="status">{notice}</p> : null}
    </section>
  );
}
