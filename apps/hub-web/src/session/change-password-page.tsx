import { useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import { HttpError, signIn } from '../api/session';
import { navigate } from '../router';
import { safeNext } from '../safe-next';
import { useConsole } from '../session-context';
import { CHANGE_PASSWORD } from './documents';

/**
 * Change one's password. A person whose password an admin set is sent here before anything else;
 * the server refuses every other request of theirs until it is done. The change ends every session
 * of the person (this one too), so the console signs in again with the new password.
 */
export function ChangePasswordPage({ next }: { next?: string }) {
  const hub = useConsole();
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphqlRequestError | HttpError>();
  const [mismatch, setMismatch] = useState(false);
  const session = hub.session;
  if (!session) return <p role="alert">Sign in first.</p>;
  const required = session.user.mustChangePassword;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (fresh !== repeated) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await hub.client.request(CHANGE_PASSWORD, { currentPassword: current, newPassword: fresh });
      hub.signedIn(await signIn(session.user.email, fresh));
      navigate(safeNext(next), { replace: true });
    } catch (reason) {
      setError(reason instanceof GraphqlRequestError || reason instanceof HttpError ? reason : new HttpError(0, 'The hub did not answer; try again'));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (path: string) => (error instanceof GraphqlRequestError ? error.fieldError(path) : error?.fieldErrors.find((issue) => issue.path === path)?.message);
  const generalError = error instanceof GraphqlRequestError ? (error.issues.every((issue) => issue.fieldErrors.length) ? undefined : error.message) : error?.message;
  return (
    <section className="sign-in" aria-labelledby="change-password-title">
      <h1 id="change-password-title">{required ? 'Choose your own password' : 'Change your password'}</h1>
      {required ? (
        <p className="notice" role="status" data-testid="password-change-required">
          An operator of the hub set your current password. Choose a password of your own before you continue: until then the hub answers nothing
          else.
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <input type="hidden" name="username" autoComplete="username" value={session.user.email} />
        <label htmlFor="current-password">Current password</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          aria-invalid={Boolean(fieldError('currentPassword'))}
          aria-describedby={fieldError('currentPassword') ? 'current-password-error' : undefined}
          required
        />
        {fieldError('currentPassword') ? (
          <span id="current-password-error" className="field-error">
            {fieldError('currentPassword')}
          </span>
        ) : null}
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={fresh}
          onChange={(event) => setFresh(event.target.value)}
          aria-invalid={Boolean(fieldError('newPassword'))}
          aria-describedby={fieldError('newPassword') ? 'new-password-error' : undefined}
          required
        />
        {fieldError('newPassword') ? (
          <span id="new-password-error" className="field-error">
            {fieldError('newPassword')}
          </span>
        ) : null}
        <label htmlFor="repeat-password">New password again</label>
        <input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeated}
          onChange={(event) => setRepeated(event.target.value)}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'repeat-password-error' : undefined}
          required
        />
        {mismatch ? (
          <span id="repeat-password-error" className="field-error">
            differs from the new password
          </span>
        ) : null}
        {generalError ? (
          <p role="alert" className="form-error">
            {generalError}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
