import { jest } from '@jest/globals';
import type { Logger } from 'pino';
import { InProcessEventBus } from './in-process-event-bus';

describe('InProcessEventBus', () => {
  it('calls every handler of the event once, and no longer after it unsubscribes', async () => {
    const bus = new InProcessEventBus();
    const heard: string[][] = [];
    const stop = bus.subscribe('object.added', (message) => heard.push(message.pks));
    bus.subscribe('alert.raised', () => heard.push(['wrong event']));

    await bus.publish('object.added', { pks: ['1', '2'] });
    stop();
    await bus.publish('object.added', { pks: ['3'] });

    expect(heard).toEqual([['1', '2']]);
  });

  it('logs a failing handler and still calls the others; the publisher does not fail', async () => {
    const logger = { error: jest.fn() } as unknown as Logger;
    const bus = new InProcessEventBus(logger);
    const heard: string[] = [];
    bus.subscribe('object.added', () => {
      throw new Error('boom');
    });
    bus.subscribe('object.added', (message) => heard.push(...message.pks));

    await expect(bus.publish('object.added', { pks: ['7'] })).resolves.toBeUndefined();

    expect(heard).toEqual(['7']);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ event: 'object.added' }), 'an event handler failed');
  });
});
