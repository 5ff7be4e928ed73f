import { ArgumentsHost, Catch, CallHandler, ExceptionFilter, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HUB_LOGGER } from '@hub/platform';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Observable } from 'rxjs';
import { acceptsTaxii, isTaxiiContentType, TAXII_MEDIA_TYPE } from './media-type';
import { TaxiiHttpError, toTaxiiError } from './taxii-error';

/**
 * Answers with a TAXII body: the exact media type (no charset parameter added) and any extra
 * headers. Answers depend on who asks, and a key sent as X-API-Key does not keep a shared cache
 * from storing them as an Authorization header would: so none is ever stored.
 */
export function sendTaxii(response: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.status(status).set({ ...headers, 'Content-Type': TAXII_MEDIA_TYPE, 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

/** The query string of a request, as TAXII parameters are read (match[type] keeps its brackets). */
export function searchParamsOf(request: Request): URLSearchParams {
  const query = request.originalUrl.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : request.originalUrl.slice(query + 1));
}

/** 406 when the client cannot take TAXII 2.1 JSON; 415 when a body is sent as anything else (spec 1.6.8, 3.6). */
@Injectable()
export class TaxiiMediaTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (!acceptsTaxii(request.headers.accept)) {
      throw new TaxiiHttpError(406, 'Not acceptable', `This server answers with ${TAXII_MEDIA_TYPE}; the Accept header "${request.headers.accept}" does not allow it`);
    }
    if (request.method === 'POST' && !isTaxiiContentType(request.headers['content-type'])) {
      throw new TaxiiHttpError(415, 'Unsupported media type', `Send the envelope as ${TAXII_MEDIA_TYPE}, not "${request.headers['content-type'] ?? 'no Content-Type'}"`);
    }
    return next.handle();
  }
}

/** Every failure of a TAXII route, the global guard's included, becomes a TAXII error resource. */
@Catch()
export class TaxiiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(HUB_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body, unexpected } = toTaxiiError(error);
    if (unexpected) this.logger.error({ err: error }, 'TAXII request failed');
    // RFC 9110: a 401 names the schemes the server takes.
    const challenge: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Basic realm="hub TAXII", Bearer realm="hub TAXII"' } : {};
    sendTaxii(response, status, body, challenge);
  }
}
