import { HubError } from '@hub/platform';
import { LOGIN_LIMITS, LoginThrottle } from './login-throttle';
import { MemoryFailureCounter } from './memory-failure-counter';

describe('LoginThrottle', () => {
  let now = 0;
  // Lifted locks live in the database (tests/e2e/login-rate-limit); here no lock was ever lifted.
  const neverLifted = { generations: async () => new Map<string, number>() };
  const make = () => new LoginThrottle(new MemoryFailureCounter(() => now), neverLifted);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an account after its failures, whatever the address, until the window ends', async () => {
    const throttle = make();
    for (let i = 0; i < LOGIN_LIMITS.perAccount.failures; i++) await (await throttle.begin('Alice@Example.org', `192.0.2.${i}`)).failed();
    const refusal = await throttle.begin('alice@example.org', '198.51.100.1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HubError);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again after .* \(in 15 minutes\)/) });
    await expect(make().begin('alice@example.org', '192.0.2.1')).resolves.toBeDefined();

    now += LOGIN_LIMITS.perAccount.windowMs;
    await expect(throttle.begin('alice@example.org', '198.51.100.1')).resolves.toBeDefined();
  });

  it('lets no more attempts through than the limit when they all arrive at once', async () => {
    const throttle = make();
    const outcomes = await Promise.allSettled(Array.from({ length: 150 }, (_, i) => throttle.begin('carol@example.org', `192.0.2.${i % 200}`)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(LOGIN_LIMITS.perAccount.failures);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason.code)).toEqual(
      Array(150 - LOGIN_LIMITS.perAccount.failures).fill('RATE_LIMITED'),
    );
  });

  it('counts an attempt still being checked, and gives the place back when it was abandoned', async () => {
    const throttle = make();
    const pending = await Promise.all(Array.from({ length: LOGIN_LIMITS.perAccount.failures }, () => throttle.begin('dave@example.org', '192.0.2.1')));
    await expect(throttle.begin('dave@example.org', '192.0.2.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await pending[0].abandoned();
    await expect(throttle.begin('dave@example.org', '192.0.2.1')).resolves.toBeDefined();
  });

  it('refuses an address after its failures across many accounts', async () => {
    const throttle = make();
    for (let i = 0; i < LOGIN_LIMITS.perAddress.failures; i++) await (await throttle.begin(`user${i}@example.org`, '203.0.113.9')).failed();
    await expect(throttle.begin('fresh@example.org', '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(throttle.begin('fresh@example.org', '203.0.113.10')).resolves.toBeDefined();
  });

  it('forgets the account failures after a success, but not the address failures', async () => {
    const throttle = make();
    for (let i = 0; i < 4; i++) await (await throttle.begin('bob@example.org', '203.0.113.9')).failed();
    await (await throttle.begin('bob@example.org', '203.0.113.9')).succeeded();
    for (let i = 0; i < 4; i++) await (await throttle.begin('bob@example.org', '203.0.113.9')).failed();
    await expect(throttle.begin('bob@example.org', '203.0.113.9')).resolves.toBeDefined();
    // 8 failures and one check in flight from the address; a success did not count against it.
    for (let i = 0; i < LOGIN_LIMITS.perAddress.failures - 9; i++) await (await throttle.begin(`other${i}@example.org`, '203.0.113.9')).failed();
    await expect(throttle.begin('someone@example.org', '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('starts a fresh count once the lock was lifted (a new generation)', async () => {
    const counter = new MemoryFailureCounter(() => now);
    let generation = 0;
    const throttle = new LoginThrottle(counter, { generations: async (subjects) => new Map(subjects.map((subject) => [subject, generation])) });
    for (let i = 0; i < LOGIN_LIMITS.perAccount.failures; i++) await (await throttle.begin('erin@example.org', `192.0.2.${i}`)).failed();
    await expect(throttle.begin('erin@example.org', '192.0.2.99')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    generation = 1;
    await expect(throttle.begin('erin@example.org', '192.0.2.99')).resolves.toBeDefined();
  });
});
