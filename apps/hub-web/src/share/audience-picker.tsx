import { useEffect, useState } from 'react';
import { AUDIENCE_CHOICES } from './documents';
import { GraphqlRequestError } from '../api/graphql';
import { useConsole } from '../session-context';
import { audienceSentence, BUILT_IN_AUDIENCES, matchChoices, sameChoice, toggleChoice } from './audience';
import type { AudienceChoice } from './audience';

/** Recipients by name (organisations, sharing groups, sectors): nobody types an id. */
export function AudiencePicker({ chosen, onChange, error }: { chosen: AudienceChoice[]; onChange(chosen: AudienceChoice[]): void; error?: string }) {
  const hub = useConsole();
  const [choices, setChoices] = useState<AudienceChoice[]>();
  const [loadError, setLoadError] = useState<string>();
  const [query, setQuery] = useState('');

  useEffect(() => {
    hub.client.request(AUDIENCE_CHOICES, {}).then(
      (data) =>
        setChoices([
          ...BUILT_IN_AUDIENCES,
          ...data.organizations.filter((org) => org.id !== hub.session?.user.organizationId).map((org) => ({ kind: 'organization' as const, id: org.id, name: org.name })),
          ...data.sharingGroups.map((group) => ({ kind: 'group' as const, id: group.id, name: group.name })),
        ]),
      (reason: unknown) => setLoadError(reason instanceof GraphqlRequestError ? reason.message : 'The hub did not answer'),
    );
  }, [hub.client, hub.session?.user.organizationId]);

  return (
    <fieldset className="audience">
      <legend>Recipients</legend>
      <label htmlFor="audience-search">Find by name</label>
      <input id="audience-search" value={query} onChange={(event) => setQuery(event.target.value)} />
      {loadError ? <p role="alert">{loadError}</p> : null}
      {!choices && !loadError ? <p aria-live="polite">Loading…</p> : null}
      <ul className="choices">
        {matchChoices(choices ?? [], query, chosen).map((choice) => (
          <li key={`${choice.kind}:${choice.id}`}>
            <label className="inline">
              <input type="checkbox" checked={chosen.some((other) => sameChoice(other, choice))} onChange={() => onChange(toggleChoice(chosen, choice))} /> {choice.name}
              {choice.kind === 'group' ? ' (sharing group)' : ''}
            </label>
          </li>
        ))}
      </ul>
      <p className="statement" data-testid="audience-statement">
        {audienceSentence(chosen)}
      </p>
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}
