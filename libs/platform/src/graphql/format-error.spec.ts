import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createGraphqlErrorFormatter } from './format-error';
import { HubError } from './hub-error';

const format = createGraphqlErrorFormatter(pino({ level: 'silent' }));

// What Apollo hands the formatter: its formatted error (an unknown code becomes INTERNAL_SERVER_ERROR) and the error itself.
function formatted(error: GraphQLError) {
  return format({ message: error.message, extensions: { code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
}

describe('createGraphqlErrorFormatter', () => {
  it('treats a request Apollo refuses with a 4xx but no code (a persisted-query hash that does not match) as bad input', () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(formatted(mismatch)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('keeps anything unexpected generic', () => {
    const failure = new GraphQLError('relation "x" does not exist', { originalError: new Error('relation "x" does not exist') });
    expect(formatted(failure)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const wrapped5xx = new GraphQLError('boom', { extensions: { http: { status: 503 } } });
    expect(formatted(wrapped5xx).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('answers a statement timeout with TIMEOUT and no SQL', () => {
    const driverError = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const queryFailed = Object.assign(new Error('canceling statement due to statement timeout'), { driverError, query: 'SELECT secret FROM stix_object' });
    const result = formatted(new GraphQLError(queryFailed.message, { originalError: queryFailed, path: ['objects'] }));
    expect(result.extensions).toEqual({ code: 'TIMEOUT' });
    expect(result.message).toMatch(/ran longer than the limit/);
    expect(JSON.stringify(result)).not.toMatch(/stix_object|canceling/);
  });

  it('adds the reason of a refusal beside its code, for clients that act on it', () => {
    const refusal = HubError.passwordChangeRequired();
    expect(formatted(new GraphQLError(refusal.message, { originalError: refusal, path: ['objects'] }))).toEqual({
      message: 'Choose a new password first (changePassword): an admin set your current one',
      path: undefined,
      locations: undefined,
      extensions: { code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' },
    });
    expect(formatted(new GraphQLError('no', { originalError: HubError.forbidden('no') })).extensions).toEqual({ code: 'FORBIDDEN' });
  });
});
