export const PASSWORD_POLICY = {
  minLength: 12,
  // argon2 hashes any length, but a megabyte "password" would only be a way to burn CPU.
  maxLength: 256,
  minDistinctCharacters: 6,
};

/**
 * What is wrong with a new password, as messages for the caller (empty when acceptable).
 * Length matters most (NIST SP 800-63B); we add only checks that catch obvious throwaways.
 */
export function passwordProblems(password: string, email?: string): string[] {
  // Two UTF-16 units at most per character: longer input is too long without splitting all of it.
  if (password.length > PASSWORD_POLICY.maxLength * 2) return [`must have at most ${PASSWORD_POLICY.maxLength} characters`];
  const characters = [...password];
  const problems: string[] = [];
  if (characters.length < PASSWORD_POLICY.minLength) problems.push(`must have at least ${PASSWORD_POLICY.minLength} characters`);
  if (characters.length > PASSWORD_POLICY.maxLength) problems.push(`must have at most ${PASSWORD_POLICY.maxLength} characters`);
  if (characters.length >= PASSWORD_POLICY.minLength && new Set(characters).size < PASSWORD_POLICY.minDistinctCharacters) {
    problems.push(`must use at least ${PASSWORD_POLICY.minDistinctCharacters} different characters`);
  }
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) problems.push('must not be the e-mail address');
  return problems;
}
