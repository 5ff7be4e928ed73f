import { PASSWORD_POLICY, passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('correct horse battery staple', 'a@b.org')).toEqual([]);
  });

  it('asks for at least 12 characters, counting characters rather than bytes', () => {
    expect(passwordProblems('short pw 1')).toEqual(['must have at least 12 characters']);
    expect(passwordProblems('žluťoučký kůň')).toEqual([]);
    expect(passwordProblems('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toContain('must have at least 12 characters');
  });

  it('refuses over-long input', () => {
    expect(passwordProblems('abc1!-xyz?'.repeat(26))).toEqual([`must have at most ${PASSWORD_POLICY.maxLength} characters`]);
    expect(passwordProblems('abc1!-xyz?'.repeat(1_000_000))).toEqual([`must have at most ${PASSWORD_POLICY.maxLength} characters`]);
  });

  it('refuses a repeated character or a tiny alphabet', () => {
    expect(passwordProblems('aaaaaaaaaaaaaaaa')).toEqual(['must use at least 6 different characters']);
    expect(passwordProblems('abababababab')).toEqual(['must use at least 6 different characters']);
  });

  it('refuses the e-mail address as password, in any case', () => {
    expect(passwordProblems('Alice.Smith@Hospital.example', 'alice.smith@hospital.example')).toEqual(['must not be the e-mail address']);
  });
});
