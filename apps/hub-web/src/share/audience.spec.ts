import { audienceInput, audienceSentence, BUILT_IN_AUDIENCES, matchChoices, toggleChoice } from './audience';
import type { AudienceChoice } from './audience';

const oost: AudienceChoice = { kind: 'organization', id: 'o1', name: 'Ziekenhuis Oost' };
const sante: AudienceChoice = { kind: 'organization', id: 'o2', name: 'Agence régionale de Santé' };
const west: AudienceChoice = { kind: 'organization', id: 'o3', name: 'Ziekenhuis West' };
const nordics: AudienceChoice = { kind: 'group', id: 'g1', name: 'Nordic hospitals' };
const all = [oost, sante, west, nordics, ...BUILT_IN_AUDIENCES];

describe('audience picker', () => {
  it('finds recipients by any words of their name, ignoring case and accents, in name order', () => {
    expect(matchChoices(all, 'ziekenhuis')).toEqual([oost, west]);
    expect(matchChoices(all, 'REGIONALE sante')).toEqual([sante]);
    expect(matchChoices(all, 'west zieken')).toEqual([west]);
    expect(matchChoices(all, '')).toHaveLength(all.length);
  });

  it('keeps the chosen recipients in view, first, whatever is typed', () => {
    expect(matchChoices(all, 'nordic', [west])).toEqual([west, nordics]);
  });

  it('toggles a choice', () => {
    expect(toggleChoice([oost], west)).toEqual([oost, west]);
    expect(toggleChoice([oost, west], { ...oost })).toEqual([west]);
  });

  it('turns the choices into the API audience, and nothing into none', () => {
    expect(audienceInput([oost, nordics, BUILT_IN_AUDIENCES[0], west])).toEqual({ organizationIds: ['o1', 'o3'], sharingGroupIds: ['g1'], audiences: ['PUBLIC_SECTOR'] });
    expect(audienceInput([])).toBeUndefined();
  });

  it('says in plain words who will read it', () => {
    expect(audienceSentence([oost])).toBe('Your organisation and Ziekenhuis Oost will be able to read it.');
    expect(audienceSentence([oost, nordics, west])).toBe('Your organisation and Ziekenhuis Oost, the sharing group Nordic hospitals and Ziekenhuis West will be able to read it.');
    expect(audienceSentence([])).toMatch(/needs named recipients/);
  });
});
