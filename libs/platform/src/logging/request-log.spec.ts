import type { IncomingMessage } from 'node:http';
import { requestLogFields } from './request-log';

describe('requestLogFields', () => {
  it('says which request it was, and nothing of its headers (credentials travel there)', () => {
    const request = Object.assign(Object.create(null) as IncomingMessage, {
      id: 7,
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Bearer secret-token', 'x-api-key': 'hubk_secret', cookie: 'session=secret' },
      socket: { remoteAddress: '203.0.113.9' },
    });
    const fields = requestLogFields(request);
    expect(fields).toEqual({ id: 7, method: 'POST', url: '/graphql', remoteAddress: '203.0.113.9' });
    expect(JSON.stringify(fields)).not.toContain('secret');
  });
});
