import { connectionCredential } from './connection-credential';

describe('connectionCredential', () => {
  it('reads the connection_init payload in any letter case', () => {
    expect(connectionCredential({ Authorization: 'Bearer t' }, {})).toEqual({ authorization: 'Bearer t' });
    expect(connectionCredential({ 'X-API-Key': 'hubk_x' }, {})).toEqual({ 'x-api-key': 'hubk_x' });
  });

  it('falls back to the upgrade request headers, and never mixes the two', () => {
    expect(connectionCredential(undefined, { authorization: 'Bearer header' })).toEqual({ authorization: 'Bearer header' });
    expect(connectionCredential({ authorization: 'Bearer param' }, { 'x-api-key': 'hubk_header' })).toEqual({ authorization: 'Bearer param' });
  });

  it('passes on a credential sent twice or not as text, so the check refuses it', () => {
    expect(connectionCredential({ authorization: 'Bearer a', Authorization: 'Bearer b' }, {})).toEqual({ authorization: ['Bearer a', 'Bearer b'] });
    expect(connectionCredential({ authorization: 42 }, {})).toEqual({ authorization: '(not text)' });
  });

  it('is empty without any credential (an anonymous connection)', () => {
    expect(connectionCredential({ somethingElse: 'x' }, { cookie: 'c' })).toEqual({});
  });

  it('takes the session cookie of the upgrade request only with the CSRF token in the payload, and never over an explicit credential', () => {
    expect(connectionCredential({ 'x-hub-csrf': 't' }, { cookie: 'hub_session=s' })).toEqual({ cookie: 'hub_session=s', 'x-hub-csrf': 't' });
    expect(connectionCredential({}, { cookie: 'hub_session=s' })).toEqual({});
    expect(connectionCredential({ 'x-hub-csrf': 't', authorization: 'Bearer p' }, { cookie: 'hub_session=s' })).toEqual({ authorization: 'Bearer p' });
    expect(connectionCredential({ 'x-hub-csrf': 't' }, { cookie: 'hub_session=s', 'x-api-key': 'hubk_h' })).toEqual({ 'x-api-key': 'hubk_h' });
  });
});
