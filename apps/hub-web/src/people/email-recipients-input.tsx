import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { addEmails, MAX_RECIPIENT_EMAILS } from './email-recipients';

/**
 * The people TLP:RED goes to, as chips of sign-in e-mail addresses. `errors` are the hub's words
 * per chip (an address that is not an active person refuses the whole submission).
 */
export function EmailRecipientsInput({ emails, onChange, errors = {}, error }: { emails: string[]; onChange(emails: string[]): void; errors?: Record<string, string>; error?: string }) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();

  const commit = () => {
    if (!typed.trim()) return;
    const entry = addEmails(emails, typed);
    onChange(entry.emails);
    setTyped(entry.invalid.join(' '));
    setProblem(
      [
        entry.invalid.length ? `${entry.invalid.join(', ')}: not an e-mail address` : '',
        entry.overLimit.length ? `At most ${MAX_RECIPIENT_EMAILS} people; left out: ${entry.overLimit.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('. ') || undefined,
    );
  };
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && !typed && emails.length) {
      onChange(emails.slice(0, -1));
    }
  };

  return (
    <fieldset className="audience" data-testid="red-recipients">
      <legend>People (TLP:RED)</legend>
      <label htmlFor="recipient-emails">Add people by the e-mail address they sign in with</label>
      <input
        id="recipient-emails"
        type="text"
        inputMode="email"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={keyDown}
        onBlur={commit}
        aria-describedby="recipient-emails-problem"
      />{' '}
      <button type="button" onClick={commit}>
        Add
      </button>
      <span id="recipient-emails-problem" className="field-error" role="status">
        {problem}
      </span>
      <ul className="chips" aria-label="People it is shared with">
        {emails.map((email) => (
          <li key={email} className={errors[email] ? 'chip invalid' : 'chip'}>
            {email}{' '}
            <button type="button" aria-label={`Remove ${email}`} onClick={() => onChange(emails.filter((other) => other !== email))}>
              ×
            </button>
            {errors[email] ? <span className="field-error"> {errors[email]}</span> : null}
          </li>
        ))}
      </ul>
      <p className="statement" data-testid="red-statement">
        {emails.length
          ? `Only ${emails.length === 1 ? emails[0] : `these ${emails.length} people`} will be able to read it (and nobody else in their organisations).`
          : 'Name at least one person: TLP:RED is for the people you name only.'}
      </p>
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}
