import { exclusionLikePattern } from './correlation.sql';

describe('exclusionLikePattern', () => {
  it('turns * and ? into LIKE wildcards and lower-cases', () => {
    expect(exclusionLikePattern('*.Akamai.NET')).toBe('%.akamai.net');
    expect(exclusionLikePattern('10.0.0.?')).toBe('10.0.0._');
  });

  it('keeps LIKE wildcards and the escape character of the value literal', () => {
    expect(exclusionLikePattern('50%_off\\x')).toBe('50\\%\\_off\\\\x');
  });
});
