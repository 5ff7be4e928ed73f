import { emailSchema } from './email';

describe('emailSchema', () => {
  it('stores addresses trimmed and in lower case, so they are unique case-insensitively', () => {
    expect(emailSchema.parse('  Alice.Smith@Hospital.Example ')).toBe('alice.smith@hospital.example');
  });

  it.each(['', 'alice', 'alice@', '@hospital.example', 'a b@c.org', `${'a'.repeat(250)}@b.org`])('refuses %j', (value) => {
    expect(emailSchema.safeParse(value).success).toBe(false);
  });
});
