import { IntrinsicException } from '@nestjs/common';

export type HubErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'RATE_LIMITED' | 'TIMEOUT';

export interface FieldIssue {
  path: string;
  message: string;
}

export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

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
    /** A machine-readable cause beside the code (`extensions.reason`), for clients that act on it. */
    readonly reason?: string,
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

  /** A person signed in with a password an admin set: they must choose their own before anything else. */
  static passwordChangeRequired(): HubError {
    return new HubError('FORBIDDEN', 'Choose a new password first (changePassword): an admin set your current one', [], PASSWORD_CHANGE_REQUIRED);
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
