import { HttpException } from '@nestjs/common';
import { FieldIssue, HubError, HubErrorCode, isStatementTimeout, statementTimeoutError } from '@hub/platform';

/** The error resource of TAXII 2.1 (spec 3.6.1): a title, a description and the HTTP status as a string. */
export interface TaxiiErrorResource {
  title: string;
  description?: string;
  error_code?: string;
  http_status: string;
  details?: { issues: FieldIssue[] };
}

/** A refusal that only TAXII has a status for (406, 413, 415, 422) or that must keep a precise status. */
export class TaxiiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(description);
    this.name = 'TaxiiHttpError';
  }
}

const STATUS_OF_CODE: Record<HubErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  TIMEOUT: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  406: 'Not acceptable',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Any error a TAXII request ends with, as the HTTP status and the TAXII error resource to answer with. */
export function toTaxiiError(error: unknown): { status: number; body: TaxiiErrorResource; unexpected: boolean } {
  if (isStatementTimeout(error)) error = statementTimeoutError();
  if (error instanceof TaxiiHttpError) return shaped(error.status, error.description, error.issues, undefined, error.title);
  if (error instanceof HubError) return shaped(STATUS_OF_CODE[error.code], error.message, error.issues, error.code);
  if (error instanceof HttpException) {
    // Thrown by the global guard (it answers HTTP routes with status codes) and by Nest itself.
    const response = error.getResponse() as string | { message?: string | string[]; code?: string };
    const message = typeof response === 'string' ? response : Array.isArray(response.message) ? response.message.join('; ') : (response.message ?? error.message);
    return shaped(error.getStatus(), message, [], typeof response === 'object' ? response.code : undefined);
  }
  return { ...shaped(500, 'The server could not answer this request; it has been logged'), unexpected: true };
}

function shaped(status: number, description: string, issues: FieldIssue[] = [], code?: string, title?: string) {
  const body: TaxiiErrorResource = {
    title: title ?? TITLES[status] ?? 'Error',
    description,
    ...(code ? { error_code: code } : {}),
    http_status: String(status),
    ...(issues.length ? { details: { issues } } : {}),
  };
  return { status, body, unexpected: false };
}
