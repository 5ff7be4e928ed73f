import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import type { HttpLogger } from 'pino-http';

/**
 * What a request log line says of the request: enough to follow it, nothing that could be a secret.
 * No headers at all (the credential travels in them), so there is nothing to redact.
 */
export function requestLogFields(request: IncomingMessage & { id?: unknown; originalUrl?: string }): Record<string, unknown> {
  return { id: request.id, method: request.method, url: request.originalUrl ?? request.url, remoteAddress: request.socket?.remoteAddress };
}

export function responseLogFields(response: ServerResponse): Record<string, unknown> {
  return { statusCode: response.statusCode };
}

/** One line per answered request (not for /health, which load balancers poll). */
export function requestLogMiddleware(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
    // The raw request and response go to these functions: pino-http's default wrappers would first build a copy with every header.
    wrapSerializers: false,
    serializers: { req: requestLogFields, res: responseLogFields },
  });
}
