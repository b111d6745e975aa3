import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Media types this route's body may have (default `application/json`). Any other body is
     * refused with 415 before it is read.
     */
    bodyTypes?: readonly string[];
  }
}

const JSON_ONLY = ['application/json'] as const;
/** Methods whose body Fastify reads; GET and HEAD bodies are never parsed. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaType(value: string | undefined): string | undefined {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Whether the request carries a body at all (a POST without one needs no type). */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Why a request's body type is not one its route documents, or null. A form on a foreign page
 * can post only `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data`, and
 * a `no-cors` fetch no other type either: routes that take none of them cannot be reached that
 * way even if the origin check were walked around.
 */
export function bodyTypeProblem(request: FastifyRequest): string | null {
  if (!WITH_BODY.has(request.method) || request.is404 || !hasBody(request)) return null;
  const accepted = request.routeOptions.config?.bodyTypes ?? JSON_ONLY;
  const type = mediaType(request.headers['content-type']);
  if (type !== undefined && accepted.includes(type)) return null;
  const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
  const what = type === undefined ? 'a body without a Content-Type' : `Content-Type ${type}`;
  return accepted.length === 0
    ? `${route} takes no body; ${what} was sent`
    : `${route} does not accept ${what}; send ${accepted.join(' or ')}`;
}

/**
 * Refuses with 415 a body whose type the route does not document (see {@link bodyTypeProblem}).
 * Registered after the access check: a caller who may not use the route learns that first.
 */
export function bodyTypeCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const problem = bodyTypeProblem(request);
    if (problem === null) return;
    return reply
      .status(415)
      .send({ statusCode: 415, error: 'Unsupported Media Type', message: problem });
  });
}
