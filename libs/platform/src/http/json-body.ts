import express, { NextFunction, Request, Response } from 'express';
import type { FieldIssue } from '../graphql/hub-error';
import { graphqlNestingExceeds, jsonNestingExceeds, MAX_DOCUMENT_NESTING, MAX_JSON_NESTING } from './nesting';
import { isStorableText, unstorableTextIssues } from './storable-text';

/** The largest request body the hub reads: a bundle of tens of thousands of objects fits. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** Set while reading a body whose JSON text holds a `\u` escape, the only way NUL or a lone surrogate gets in. */
const MAY_HOLD_UNSTORABLE_TEXT = Symbol('mayHoldUnstorableText');

type FlaggedRequest = Request & { [MAY_HOLD_UNSTORABLE_TEXT]?: boolean };

const TOO_DEEP = 'entity.too.deep';

const parseJson = express.json({
  limit: MAX_REQUEST_BYTES,
  type: ['application/json', 'application/*+json'],
  // One pass over the raw bytes before JSON.parse: a body nested too deep is refused before anything
  // recurses into it, and the body is walked for bad text only in the rare case it may hold some.
  verify: (request, _response, buffer) => {
    if (jsonNestingExceeds(buffer)) throw Object.assign(new Error('too deep'), { status: 400, type: TOO_DEEP });
    if (buffer.includes('\\u')) (request as FlaggedRequest)[MAY_HOLD_UNSTORABLE_TEXT] = true;
  },
});

interface BodyParserError {
  type?: string;
  status?: number;
}

/** A refusal of request input, before anything runs. */
export interface InputRefusal {
  message: string;
  issues?: FieldIssue[];
}

const NESTED_TOO_DEEP: InputRefusal = { message: `The request nests values more than ${MAX_JSON_NESTING} levels deep` };

/**
 * What is wrong with a GraphQL request (a POST body, or the parameters of a GET) before Apollo
 * parses it: a document nested too deep for the parser, or text PostgreSQL cannot store.
 */
export function graphqlRequestRefusal(body: unknown, mayHoldUnstorableText = true): InputRefusal | undefined {
  const query = body && typeof body === 'object' ? (body as { query?: unknown }).query : undefined;
  if (typeof query === 'string' && graphqlNestingExceeds(query)) {
    return { message: `The GraphQL document nests selections or values more than ${MAX_DOCUMENT_NESTING} levels deep`, issues: [{ path: 'query', message: `at most ${MAX_DOCUMENT_NESTING} levels` }] };
  }
  return mayHoldUnstorableText ? unstorableTextRefusal(body) : undefined;
}

function unstorableTextRefusal(body: unknown): InputRefusal | undefined {
  const issues = unstorableTextIssues(body);
  return issues.length ? { message: 'The request holds text that cannot be stored (a NUL character or an unpaired surrogate)', issues } : undefined;
}

/**
 * Reads JSON bodies (GraphQL and TAXII) up to the limit. A body that is too large, too deep, not
 * JSON, or that holds text PostgreSQL cannot store gets a structured client error in the protocol
 * of the path it was sent to, never a 500 or an HTML page, and nothing of it is stored.
 */
export function jsonBodyMiddleware(request: Request, response: Response, next: NextFunction): void {
  // An import's body is a file of any size, read as a stream by its route (libs/imports).
  if (request.method === 'POST' && request.path === '/import') return next();
  parseJson(request, response, (error?: unknown) => {
    if (error) {
      const { type, status } = error as BodyParserError;
      if (type === TOO_DEEP) return refuseRequest(request, response, 400, 'Malformed request', NESTED_TOO_DEEP);
      const tooLarge = type === 'entity.too.large';
      const httpStatus = tooLarge ? 413 : status && status < 500 ? status : 400;
      return tooLarge
        ? refuseRequest(request, response, httpStatus, 'Request too large', { message: `The request body is larger than the limit of ${MAX_REQUEST_BYTES / 1024 / 1024} MiB; split the bundle` })
        : refuseRequest(request, response, httpStatus, 'Malformed request', { message: 'The request body is not valid JSON' });
    }
    const flagged = (request as FlaggedRequest)[MAY_HOLD_UNSTORABLE_TEXT] === true;
    // A TAXII envelope has no GraphQL document: only its text is checked.
    const refusal = request.path.startsWith('/taxii2') ? (flagged ? unstorableTextRefusal(request.body) : undefined) : graphqlRequestRefusal(request.body, flagged);
    if (refusal) return refuseRequest(request, response, 400, 'Malformed request', refusal);
    next();
  });
}

/**
 * The query string and path of every request but TAXII's (which reads its own, as the TAXII
 * specification says): a NUL character or an unpaired surrogate (which PostgreSQL cannot take) and
 * GraphQL GET parameters nested too deep are refused here, before any route reads them.
 */
export function urlHygieneMiddleware(request: Request, response: Response, next: NextFunction): void {
  const refusal = urlRefusal(request);
  if (refusal) return refuseRequest(request, response, 400, 'Malformed request', refusal);
  next();
}

function urlRefusal(request: Request): InputRefusal | undefined {
  const url = request.originalUrl ?? request.url;
  // TAXII reads its own parameters: an identifier no object can have is a 404, a bad filter a 400 naming it.
  if (url.startsWith('/taxii2') || (!url.includes('%') && !url.includes('\\u'))) return undefined;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  for (const segment of path.split('/')) {
    const decoded = decodeOrUndefined(segment);
    if (decoded !== undefined && !isStorableText(decoded)) return { message: 'The request path holds a NUL character or an unpaired surrogate', issues: [{ path: '(path)', message: 'must not contain NUL characters or unpaired surrogates' }] };
  }
  if (query === -1) return undefined;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const [name, value] of params) {
    if (!isStorableText(name) || !isStorableText(value)) return { message: 'The query string holds a NUL character or an unpaired surrogate', issues: [{ path: isStorableText(name) ? name : '(query)', message: 'must not contain NUL characters or unpaired surrogates' }] };
  }
  if (!request.path.startsWith('/graphql')) return undefined;
  const body: Record<string, unknown> = {};
  for (const name of ['query', 'operationName']) if (params.has(name)) body[name] = params.get(name);
  for (const name of ['variables', 'extensions']) {
    const text = params.get(name);
    if (text === null) continue;
    if (jsonNestingExceeds(text)) return NESTED_TOO_DEEP;
    try {
      body[name] = JSON.parse(text);
    } catch {
      // Apollo answers malformed JSON parameters itself, with a 400.
    }
  }
  return graphqlRequestRefusal(body);
}

function decodeOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** A client error in the protocol of the path: a TAXII error resource under /taxii2, a GraphQL error body under /graphql, the HTTP routes' error body elsewhere. */
export function refuseRequest(request: Request, response: Response, httpStatus: number, title: string, refusal: InputRefusal): void {
  const { message, issues } = refusal;
  if (request.path.startsWith('/taxii2')) {
    const details = issues ? { errors: issues } : undefined;
    response
      .status(httpStatus)
      .type('application/taxii+json;version=2.1')
      .end(JSON.stringify({ title, description: message, http_status: String(httpStatus), ...(details ? { details } : {}) }));
    return;
  }
  if (request.path.startsWith('/graphql')) {
    response.status(httpStatus).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...(issues ? { errors: issues } : {}) } }] });
    return;
  }
  // The HTTP routes (exports, imports, the public summary) answer their own errors in this shape.
  const code = httpStatus === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
  response.status(httpStatus).json({ statusCode: httpStatus, code, message, errors: issues ?? [{ path: '(request)', message }] });
}
