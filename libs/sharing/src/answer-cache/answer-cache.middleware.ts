import { Injectable, NestMiddleware } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { HubPassport, readCredential } from '@hub/members';
import type { NextFunction, Request, Response } from 'express';
import { RestrictedReadAudit } from '../feed/restricted-read-audit';
import { answeredWithoutErrors } from './answer-cache.plugin';
import { AnswerCache, answerCost } from './answer-cache.service';
import { answerKey, AnswerRequest } from './answer-key';
import { isCacheableOperation } from './cacheable-operation';

/**
 * Answers repeated reads (feed pages, objects, look-ups) from the AnswerCache while nothing they
 * are built from has changed: pollers such as SIEMs and dashboards ask the same page again and again.
 *
 * The viewer is authenticated afresh for every request (a revoked key, a deactivated person or a
 * change of groups applies at once) and is part of the key: an answer is only ever served to the
 * same viewer asking the same thing. A served answer leaves the same audit trace of restricted
 * reads as the original read, and is sent only once that trace is written. A request for an answer
 * that is being built right now waits for it instead of building it too (after each change, every
 * poller of a page asks for it at about the same time).
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
    // Nobody signed in shares one viewer: a fast answer would tell one anonymous caller what another looked up.
    const asked = this.cache.enabled && readCredential(request.headers).kind !== 'none' ? cacheableRequest(request) : undefined;
    if (!asked) return next();
    let viewer: Viewer;
    let version: string;
    try {
      [viewer, version] = await Promise.all([this.passport.authenticate(request), this.cache.currentVersion()]);
    } catch {
      // The normal path refuses the credential (the same refusal: authentication runs once per request) or reports the database.
      return next();
    }
    // Refused by the guard until the password is changed: the normal path says so.
    if (viewer.kind === 'user' && viewer.passwordChangeRequired) return next();
    let key: string;
    try {
      key = answerKey(viewer, asked);
    } catch {
      // Variables nested too deep to walk: Apollo answers them as it would without the cache.
      return next();
    }
    let stored = this.cache.find(key, version);
    const underway = stored ? undefined : this.cache.whenBuilt(key, version);
    if (underway) {
      await underway;
      stored = this.cache.find(key, version);
    }
    if (!stored) {
      // Built by nobody else now (or built but not kept: then this request builds it, without waiting twice).
      if (!this.cache.whenBuilt(key, version)) this.keepAnswer(request, response, key, version);
      return next();
    }
    try {
      await this.readAudit.recordAgain(viewer, stored.extra, request.ip);
    } catch {
      // No answer without its trace: the normal path tries again and reports the failure.
      return next();
    }
    this.cache.counts.hits += 1;
    response.status(200).setHeader('Content-Type', stored.contentType);
    if (stored.etag) response.setHeader('ETag', stored.etag);
    response.send(stored.body);
  }

  /** Hands the answer the normal path sends to the cache, if it is complete (HTTP 200, no GraphQL error). */
  private keepAnswer(request: Request, response: Response, key: string, version: string): void {
    const built = this.cache.startBuilding(key, version);
    // A request whose client went away before its answer was sent may never send it: those waiting for it build their own.
    response.once('close', () => {
      if (!response.writableEnded) built();
    });
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (response.statusCode === 200 && answeredWithoutErrors(request) && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        const body = ownBuffer(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
        const reads = this.readAudit.recordedForRequest(request);
        void this.cache
          .keepIfUnchanged(key, {
            version,
            body,
            contentType: String(response.getHeader('content-type')),
            etag: response.getHeader('etag')?.toString(),
            extra: reads,
            bytes: answerCost(body, reads),
          })
          .finally(built);
      } else {
        built();
      }
      return end(chunk, ...rest);
    }) as Response['end'];
  }
}

// Feed, object and look-up requests are small; a big one (deep or huge variables) is not worth a key.
const MAX_CACHEABLE_REQUEST_BYTES = 16 * 1024;

/**
 * The GraphQL request, if it is a read the cache may serve: a small JSON POST running one of the
 * cacheable queries. Not with `extensions` (a persisted query must reach Apollo to be registered).
 */
function cacheableRequest(request: Request): AnswerRequest | undefined {
  if (Number(request.headers['content-length'] ?? Infinity) > MAX_CACHEABLE_REQUEST_BYTES) return undefined;
  const body = request.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string' || body.extensions !== undefined) return undefined;
  if (body.operationName !== undefined && body.operationName !== null && typeof body.operationName !== 'string') return undefined;
  const operationName = (body.operationName as string | null | undefined) ?? undefined;
  if (!isCacheableOperation(body.query, operationName)) return undefined;
  return { query: body.query, operationName, variables: body.variables, accept: request.headers.accept };
}

/**
 * A copy in memory of its own: a small buffer from Buffer.from shares an 8 KiB block with others,
 * and keeping it would keep the whole block (the budget would count 100 bytes for 8 KiB held).
 */
function ownBuffer(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}
