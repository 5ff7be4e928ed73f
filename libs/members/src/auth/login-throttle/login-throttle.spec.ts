import { HubError } from '@hub/platform';
import { LOGIN_LIMITS, LoginThrottle } from './login-throttle';
import { MemoryFailureCounter } from './memory-failure-counter';

describe('LoginThrottle', () => {
  let now = 0;
  const make = () => new LoginThrottle(new MemoryFailureCounter(() => now));

  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an account after its failures, whatever the address, until the window ends', async () => {
    const throttle = make();
    for (let i = 0; i < LOGIN_LIMITS.perAccount.failures; i++) {
      await throttle.assertMayTry('Alice@Example.org', `192.0.2.${i}`);
      await throttle.recordFailure('alice@example.org', `192.0.2.${i}`);
    }
    const refusal = await throttle.assertMayTry('alice@example.org', '198.51.100.1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HubError);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again after .* \(in 15 minutes\)/) });
    await expect(make().assertMayTry('alice@example.org', '192.0.2.1')).resolves.toBeUndefined();

    now += LOGIN_LIMITS.perAccount.windowMs;
    await expect(throttle.assertMayTry('alice@example.org', '198.51.100.1')).resolves.toBeUndefined();
  });

  it('refuses an address after its failures across many accounts', async () => {
    const throttle = make();
    for (let i = 0; i < LOGIN_LIMITS.perAddress.failures; i++) await throttle.recordFailure(`user${i}@example.org`, '203.0.113.9');
    await expect(throttle.assertMayTry('fresh@example.org', '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(throttle.assertMayTry('fresh@example.org', '203.0.113.10')).resolves.toBeUndefined();
  });

  it('forgets the account failures after a success, but not the address failures', async () => {
    const throttle = make();
    for (let i = 0; i < 4; i++) await throttle.recordFailure('bob@example.org', '203.0.113.9');
    await throttle.recordSuccess('bob@example.org');
    for (let i = 0; i < 4; i++) await throttle.recordFailure('bob@example.org', '203.0.113.9');
    await expect(throttle.assertMayTry('bob@example.org', '203.0.113.9')).resolves.toBeUndefined();
  });
});
