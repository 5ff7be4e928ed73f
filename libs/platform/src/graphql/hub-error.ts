import { IntrinsicException } from '@nestjs/common';

export type HubErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED' | 'TIMEOUT';

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The one error type services throw for anything the caller did or may not do. The GraphQL layer
 * maps it to `extensions.code` in one place; TAXII maps it to its error object. It extends Nest's
 * IntrinsicException because it is an expected outcome: Nest then does not log it as a server error.
 */
export class HubError extends IntrinsicException {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'HubError';
  }

  static badInput(message: string, issues: FieldIssue[] = []): HubError {
    return new HubError('BAD_USER_INPUT', message, issues);
  }

  static forbidden(message = 'You are not allowed to do this'): HubError {
    return new HubError('FORBIDDEN', message);
  }

  static unauthenticated(message = 'Authentication required'): HubError {
    return new HubError('UNAUTHENTICATED', message);
  }

  static notFound(message: string): HubError {
    return new HubError('NOT_FOUND', message);
  }

  static rateLimited(message: string): HubError {
    return new HubError('RATE_LIMITED', message);
  }
}
