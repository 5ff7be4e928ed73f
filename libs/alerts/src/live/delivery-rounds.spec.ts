import { DeliveryRounds } from './delivery-rounds';

describe('DeliveryRounds', () => {
  it('gathers the keys that arrive during a round into the next one, in order', async () => {
    const rounds: string[][] = [];
    let release!: () => void;
    const firstRoundBlocked = new Promise<void>((resolve) => (release = resolve));
    const delivery = new DeliveryRounds(async (keys) => {
      rounds.push(keys);
      if (rounds.length === 1) await firstRoundBlocked;
    }, () => undefined);

    delivery.add(['1']);
    delivery.add(['2', '3']);
    delivery.add(['3', '4']);
    release();
    await delivery.idle();

    expect(rounds).toEqual([['1'], ['2', '3', '4']]);
  });

  it('reports a failed round and carries on with the next', async () => {
    const errors: unknown[] = [];
    const delivered: string[][] = [];
    const delivery = new DeliveryRounds(async (keys) => {
      if (keys.includes('bad')) throw new Error('database away');
      delivered.push(keys);
    }, (error) => errors.push(error));

    delivery.add(['bad']);
    await delivery.idle();
    delivery.add(['good']);
    await delivery.idle();

    expect(errors).toHaveLength(1);
    expect(delivered).toEqual([['good']]);
  });
});
