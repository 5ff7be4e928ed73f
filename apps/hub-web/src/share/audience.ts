import type { AudienceInput, BuiltInAudience } from '../api/schema-types';

/** One recipient a person may pick by name: an organisation, a sharing group, or a built-in audience. */
export interface AudienceChoice {
  kind: 'organization' | 'group' | 'builtin';
  id: string;
  name: string;
}

export const BUILT_IN_AUDIENCES: AudienceChoice[] = [
  { kind: 'builtin', id: 'PUBLIC_SECTOR', name: 'Every public-sector member' },
  { kind: 'builtin', id: 'PRIVATE_SECTOR', name: 'Every private-sector member' },
];

function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The choices whose name contains every word typed (any case, any accents), by name; the chosen ones first. */
export function matchChoices(choices: AudienceChoice[], query: string, chosen: AudienceChoice[] = []): AudienceChoice[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  const isChosen = (choice: AudienceChoice) => chosen.some((other) => sameChoice(other, choice));
  return choices
    .filter((choice) => isChosen(choice) || words.every((word) => folded(choice.name).includes(word)))
    .sort((a, b) => Number(isChosen(b)) - Number(isChosen(a)) || a.name.localeCompare(b.name));
}

export function sameChoice(a: AudienceChoice, b: AudienceChoice): boolean {
  return a.kind === b.kind && a.id === b.id;
}

export function toggleChoice(chosen: AudienceChoice[], choice: AudienceChoice): AudienceChoice[] {
  return chosen.some((other) => sameChoice(other, choice)) ? chosen.filter((other) => !sameChoice(other, choice)) : [...chosen, choice];
}

/** The API's audience for the chosen recipients; undefined when none is chosen. */
export function audienceInput(chosen: AudienceChoice[]): AudienceInput | undefined {
  if (!chosen.length) return undefined;
  const ids = (kind: AudienceChoice['kind']) => chosen.filter((choice) => choice.kind === kind).map((choice) => choice.id);
  const input: AudienceInput = {};
  if (ids('organization').length) input.organizationIds = ids('organization');
  if (ids('group').length) input.sharingGroupIds = ids('group');
  if (ids('builtin').length) input.audiences = ids('builtin') as BuiltInAudience[];
  return input;
}

/** A plain sentence naming who will be able to read it. */
export function audienceSentence(chosen: AudienceChoice[]): string {
  if (!chosen.length) return 'Choose at least one organisation, sharing group or sector: TLP:AMBER needs named recipients.';
  const names = chosen.map((choice) => (choice.kind === 'group' ? `the sharing group ${choice.name}` : choice.name));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Your organisation and ${list} will be able to read it.`;
}
