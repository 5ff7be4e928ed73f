import type { AudienceInput, Tlp } from '../api/schema-types';
import type { GraphqlRequestError } from '../api/graphql';
import { audienceInput } from '../share/audience';
import type { AudienceChoice } from '../share/audience';
import { AudiencePicker } from '../share/audience-picker';
import { recipientIndex } from './email-recipients';
import { EmailRecipientsInput } from './email-recipients-input';

/** Who a submission goes to, as chosen on the form: organisations, groups and sectors, or people. */
export interface AudienceState {
  chosen: AudienceChoice[];
  emails: string[];
}

export const NO_AUDIENCE: AudienceState = { chosen: [], emails: [] };

/** The API's audience for a marking: named organisations for AMBER and AMBER+STRICT, people for RED, none otherwise. */
export function submissionAudience(tlp: Tlp, state: AudienceState): AudienceInput | undefined {
  if (tlp === 'RED') return state.emails.length ? { recipientEmails: state.emails } : undefined;
  if (tlp === 'AMBER' || tlp === 'AMBER_STRICT') return audienceInput(state.chosen);
  return undefined;
}

/** The hub's message per refused address, keyed by the address (the paths name its index). */
export function recipientErrors(error: GraphqlRequestError | undefined, emails: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    for (const field of issue.fieldErrors) {
      const index = recipientIndex(field.path);
      if (index !== undefined && emails[index]) errors[emails[index]] = field.message;
    }
  }
  return errors;
}

/** The recipients part of a share, upload or sighting form, for the marking chosen. */
export function AudienceFields({ tlp, value, onChange, error }: { tlp: Tlp; value: AudienceState; onChange(value: AudienceState): void; error?: GraphqlRequestError }) {
  // The input parser names `input.audience`, the audience check after it `audience`.
  const general = error?.fieldError('input.audience') ?? error?.fieldError('audience');
  if (tlp === 'RED') {
    return <EmailRecipientsInput emails={value.emails} onChange={(emails) => onChange({ ...value, emails })} errors={recipientErrors(error, value.emails)} error={general} />;
  }
  if (tlp === 'AMBER' || tlp === 'AMBER_STRICT') {
    return <AudiencePicker chosen={value.chosen} onChange={(chosen) => onChange({ ...value, chosen })} error={general} />;
  }
  return general ? <span className="field-error">{general}</span> : null;
}
