import express, { NextFunction, Request, Response } from 'express';
import type { FieldIssue } from '../graphql/hub-error';
import { unstorableTextIssues } from './storable-text';

/** The largest request body the hub reads: a bundle of tens of thousands of objects fits. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** Set while reading a body whose JSON text holds a `\u` escape, the only way NUL or a lone surrogate gets in. */
const MAY_HOLD_UNSTORABLE_TEXT = Symbol('mayHoldUnstorableText');

type FlaggedRequest = Request & { [MAY_HOLD_UNSTORABLE_TEXT]?: boolean };

const parseJson = express.json({
  limit: MAX_REQUEST_BYTES,
  type: ['application/json', 'application/*+json'],
  // One native scan of the raw bytes, so that the body is walked only in the rare case it may need it.
  verify: (request, _response, buffer) => {
    if (buffer.includes('\\u')) (request as FlaggedRequest)[MAY_HOLD_UNSTORABLE_TEXT] = true;
  },
});

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Reads JSON bodies (GraphQL and TAXII) up to the limit. A body that is too large, not JSON, or that
 * holds text PostgreSQL cannot store gets a structured client error in the protocol of the path it
 * was sent to, never a 500 or an HTML page, and nothing of it is stored.
 */
export function jsonBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  parseJson(request, response, (error?: unknown) => {
    if (error) {
      const { type, status } = error as BodyParserError;
      const tooLarge = type === 'entity.too.large';
      const httpStatus = tooLarge ? 413 : status && status < 500 ? status : 400;
      return tooLarge
        ? refuse(request, response, httpStatus, 'Request too large', `The request body is larger than the limit of ${MAX_REQUEST_BYTES / 1024 / 1024} MiB; split the bundle`)
        : refuse(request, response, httpStatus, 'Malformed request', 'The request body is not valid JSON');
    }
    if ((request as FlaggedRequest)[MAY_HOLD_UNSTORABLE_TEXT]) {
      const issues = unstorableTextIssues(request.body);
      if (issues.length) return refuse(request, response, 400, 'Malformed request', 'The request holds text that cannot be stored (a NUL character or an unpaired surrogate)', issues);
    }
    next();
  });
}

function refuse(request: Request, response: Response, httpStatus: number, title: string, message: string, issues?: FieldIssue[]): void {
  if (request.path.startsWith('/taxii2')) {
    const details = issues ? { errors: issues } : undefined;
    response
      .status(httpStatus)
      .type('application/taxii+json;version=2.1')
      .end(JSON.stringify({ title, description: message, http_status: String(httpStatus), ...(details ? { details } : {}) }));
    return;
  }
  response.status(httpStatus).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...(issues ? { errors: issues } : {}) } }] });
}
