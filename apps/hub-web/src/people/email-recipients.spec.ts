import { addEmails, isEmailAddress, MAX_RECIPIENT_EMAILS, recipientIndex } from './email-recipients';

describe('e-mail recipients (chips)', () => {
  it.each(['ana@clinic.example', 'First.Last+red@sub.hospital.org', 'x@a-b.co'])('accepts %s', (text) => {
    expect(isEmailAddress(text)).toBe(true);
  });

  it.each(['ana', 'ana@', '@clinic.example', 'ana@clinic', 'ana smith@clinic.example', 'a@b@clinic.example', '"ana"@clinic.example', `${'a'.repeat(250)}@x.example`])('refuses %s', (text) => {
    expect(isEmailAddress(text)).toBe(false);
  });

  it('adds pasted addresses trimmed, lower case and once, and names what is not an address', () => {
    expect(addEmails(['ana@clinic.example'], ' Ana@Clinic.example, bob@lab.example;\n<eve@lab.example> not-an-address ')).toEqual({
      emails: ['ana@clinic.example', 'bob@lab.example', 'eve@lab.example'],
      invalid: ['not-an-address'],
      overLimit: [],
    });
  });

  it('stops at the limit the hub accepts', () => {
    const full = Array.from({ length: MAX_RECIPIENT_EMAILS }, (_, index) => `p${index}@lab.example`);
    expect(addEmails(full, 'one@more.example')).toEqual({ emails: full, invalid: [], overLimit: ['one@more.example'] });
  });

  it('finds the address the server names', () => {
    expect(recipientIndex('input.audience.recipientEmails[3]')).toBe(3);
    expect(recipientIndex('audience.recipientEmails[0]')).toBe(0);
    expect(recipientIndex('objects[1].audience.recipientEmails[0]')).toBeUndefined();
    expect(recipientIndex('input.audience.organizationIds[0]')).toBeUndefined();
  });
});
