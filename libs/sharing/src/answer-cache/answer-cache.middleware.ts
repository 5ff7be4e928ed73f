import { Injectable, NestMiddleware } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { HubPassport } from '@hub/members';
import type { NextFunction, Request, Response } from 'express';
import { RestrictedReadAudit } from '../feed/restricted-read-audit';
import { answeredWithoutErrors } from './answer-cache.plugin';
import { AnswerCache } from './answer-cache.service';
import { answerKey, AnswerRequest } from './answer-key';
import { isCacheableOperation } from './cacheable-operation';

/**
 * Answers repeated reads (feed pages, objects, look-ups) from the AnswerCache while nothing they
 * are built from has changed: pollers such as SIEMs and dashboards ask the same page again and again.
 *
 * The viewer is authenticated afresh for every request (a revoked key, a deactivated person or a
 * change of groups applies at once) and is part of the key: an answer is only ever served to the
 * same viewer asking the same thing. A served answer leaves the same audit trace of restricted
 * reads as the original read, and is sent only once that trace is written.
 *
 * Anything else (other operations, answers with errors, a credential that fails) takes the normal path.
 */
@Injectable()
export class AnswerCacheMiddleware implements NestMiddleware {
  constructor(
    private readonly passport: HubPassport,
    private readonly cache: AnswerCache,
    private readonly readAudit: RestrictedReadAudit,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const asked = this.cache.enabled ? cacheableRequest(request) : undefined;
    if (!asked) return next();
    let viewer: Viewer;
    let version: string;
    try {
      [viewer, version] = await Promise.all([this.passport.authenticate(request), this.cache.currentVersion()]);
    } catch {
      // The normal path refuses the credential (the same refusal: authentication runs once per request) or reports the database.
      return next();
    }
    const key = answerKey(viewer, asked);
    const stored = this.cache.find(key, version);
    if (!stored) {
      this.keepAnswer(request, response, key, version);
      return next();
    }
    try {
      await this.readAudit.recordAgain(viewer, stored.extra, request.ip);
    } catch {
      // No answer without its trace: the normal path tries again and reports the failure.
      return next();
    }
    response.status(200).setHeader('content-type', stored.contentType);
    if (stored.etag) response.setHeader('etag', stored.etag);
    response.send(stored.body);
  }

  /** Hands the answer the normal path sends to the cache, if it is complete (HTTP 200, no GraphQL error). */
  private keepAnswer(request: Request, response: Response, key: string, version: string): void {
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (response.statusCode === 200 && answeredWithoutErrors(request) && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        this.cache.keepIfUnchanged(key, {
          version,
          // express made this buffer for this answer alone and never changes it: kept as it is, not copied.
          body: typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk,
          contentType: String(response.getHeader('content-type')),
          etag: response.getHeader('etag')?.toString(),
          extra: this.readAudit.recordedForRequest(request),
        });
      }
      return end(chunk, ...rest);
    }) as Response['end'];
  }
}

/** The GraphQL request, if it is a read the cache may serve: a JSON POST running one of the cacheable queries. */
function cacheableRequest(request: Request): AnswerRequest | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return undefined;
  if (body.operationName !== undefined && body.operationName !== null && typeof body.operationName !== 'string') return undefined;
  const operationName = (body.operationName as string | null | undefined) ?? undefined;
  if (!isCacheableOperation(body.query, operationName)) return undefined;
  return { query: body.query, operationName, variables: body.variables, extensions: body.extensions, accept: request.headers.accept };
}
