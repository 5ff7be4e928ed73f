import { withoutSecrets } from './without-secrets';

describe('withoutSecrets', () => {
  it('drops fields named like secrets, at any depth, and keeps the rest', () => {
    expect(
      withoutSecrets({
        email: 'a@b.org',
        password: 'x',
        newPassword: 'x',
        input: { name: 'SIEM', key: 'hubk_x', apiKey: 'hubk_x', token: 't', passwordHash: 'h' },
        changes: [{ from: 1, to: 2, secret: 's' }],
        when: new Date('2025-01-01T00:00:00.000Z'),
      }),
    ).toEqual({ email: 'a@b.org', input: { name: 'SIEM' }, changes: [{ from: 1, to: 2 }], when: '2025-01-01T00:00:00.000Z' });
  });
});
