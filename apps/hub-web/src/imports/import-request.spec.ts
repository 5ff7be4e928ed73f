import { importPath, jobSummary, reviewedText } from './import-request';

describe('an import from the console', () => {
  it('asks POST /import with the marking, the audience and the mapping as the HTTP import takes them', () => {
    expect(importPath({ format: 'csv', tlp: 'AMBER', audience: { organizationIds: ['o1', 'o2'], sharingGroupIds: ['g1'], audiences: ['PUBLIC_SECTOR'] }, anonymous: true, mapping: ' firewall ' })).toBe(
      '/import?format=csv&tlp=AMBER&organizationIds=o1%2Co2&sharingGroupIds=g1&audiences=PUBLIC_SECTOR&anonymous=true&mapping=firewall',
    );
    expect(importPath({ format: 'text', tlp: 'RED', audience: { recipientEmails: ['a@b.test'] }, anonymous: false, mapping: 'ignored for text' })).toBe('/import?format=text&tlp=RED&recipientEmails=a%40b.test');
    expect(importPath({ format: 'misp', tlp: 'GREEN', audience: undefined, anonymous: false })).toBe('/import?format=misp&tlp=GREEN');
  });

  it('writes the reviewed observables one a line, and a job in a sentence', () => {
    expect(reviewedText([{ value: 'evil.example.com' }, { value: '198.51.100.7' }])).toBe('evil.example.com\n198.51.100.7\n');
    expect(jobSummary({ status: 'done', read: 3, accepted: 2, rejected: 1, duplicates: 0 })).toBe('done: read 3, accepted 2, rejected 1, duplicates 0');
  });
});
