import { useState } from 'react';
import type { FormEvent } from 'react';
import { HttpError, signIn } from '../api/session';
import { navigate } from '../router';
import { safeNext } from '../safe-next';
import { useConsole } from '../session-context';

export function SignInPage({ next, notice }: { next?: string; notice?: string }) {
  const hub = useConsole();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HttpError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(email, password);
      hub.signedIn(session);
      navigate(safeNext(next), { replace: true });
    } catch (reason) {
      setError(reason instanceof HttpError ? reason : new HttpError(0, 'The hub did not answer; try again'));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (path: string) => error?.fieldErrors.find((issue) => issue.path === path)?.message;
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {notice ? (
        <p className="notice" role="status" data-testid="signed-out-notice">
          {notice}
        </p>
      ) : null}
      {hub.session ? <p>You are signed in as {hub.session.user.email}.</p> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="email">E-mail address</label>
        <input id="email" name="email" type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} aria-invalid={Boolean(fieldError('email'))} required />
        {fieldError('email') ? <span className="field-error">{fieldError('email')}</span> : null}
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} aria-invalid={Boolean(fieldError('password'))} required />
        {fieldError('password') ? <span className="field-error">{fieldError('password')}</span> : null}
        {error ? (
          <p role="alert" className="form-error">
            {error.message}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
