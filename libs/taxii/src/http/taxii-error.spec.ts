import { ForbiddenException } from '@nestjs/common';
import { HubError } from '@hub/platform';
import { TaxiiHttpError, toTaxiiError } from './taxii-error';

describe('toTaxiiError', () => {
  it('maps hub errors to their HTTP status with the issues as details', () => {
    const { status, body } = toTaxiiError(HubError.badInput('limit is wrong', [{ path: 'limit', message: 'must be a positive integer' }]));
    expect(status).toBe(400);
    expect(body).toEqual({
      title: 'Bad request',
      description: 'limit is wrong',
      error_code: 'BAD_USER_INPUT',
      http_status: '400',
      details: { issues: [{ path: 'limit', message: 'must be a positive integer' }] },
    });
    expect(toTaxiiError(HubError.unauthenticated()).status).toBe(401);
    expect(toTaxiiError(HubError.forbidden()).status).toBe(403);
    expect(toTaxiiError(HubError.notFound('gone')).status).toBe(404);
  });

  it('keeps the status of TAXII-only refusals and of HTTP exceptions', () => {
    expect(toTaxiiError(new TaxiiHttpError(415, 'Unsupported media type', 'send TAXII JSON')).body).toEqual({
      title: 'Unsupported media type',
      description: 'send TAXII JSON',
      http_status: '415',
    });
    const fromGuard = toTaxiiError(new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: 'needs MEMBER' }));
    expect(fromGuard.status).toBe(403);
    expect(fromGuard.body.description).toBe('needs MEMBER');
  });

  it('hides the text of unexpected errors', () => {
    const answer = toTaxiiError(new Error('connection string postgres://secret'));
    expect(answer.status).toBe(500);
    expect(answer.unexpected).toBe(true);
    expect(JSON.stringify(answer.body)).not.toContain('secret');
  });
});
