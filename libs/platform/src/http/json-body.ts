import express, { NextFunction, Request, Response } from 'express';

/** The largest request body the hub reads: a bundle of tens of thousands of objects fits. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

const parseJson = express.json({
  limit: MAX_REQUEST_BYTES,
  type: ['application/json', 'application/*+json'],
});

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Reads JSON bodies (GraphQL and TAXII) up to the limit. A body that is too large or not JSON gets a
 * structured client error in the protocol of the path it was sent to, never a 500 or an HTML page.
 */
export function jsonBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  parseJson(request, response, (error?: unknown) => {
    if (!error) return next();
    const { type, status } = error as BodyParserError;
    const tooLarge = type === 'entity.too.large';
    const httpStatus = tooLarge ? 413 : status && status < 500 ? status : 400;
    const message = tooLarge
      ? `The request body is larger than the limit of ${MAX_REQUEST_BYTES / 1024 / 1024} MiB; split the bundle`
      : 'The request body is not valid JSON';
    if (request.path.startsWith('/taxii2')) {
      response
        .status(httpStatus)
        .type('application/taxii+json;version=2.1')
        .send(JSON.stringify({ title: tooLarge ? 'Request too large' : 'Malformed request', description: message, http_status: String(httpStatus) }));
      return;
    }
    response.status(httpStatus).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
  });
}
