import type { FastifyRequest } from 'fastify';

/**
 * Whether an error is the client closing its connection before its request body was read
 * whole: Node ends the body stream with `Error: aborted` (ECONNRESET) when the socket closes
 * under it, and Fastify's body reader, a streamed import or a parser passes that on. It is not
 * the server's fault and not the database's (whose ECONNRESET reads "read ECONNRESET" and
 * leaves the request open), so it is logged quietly instead of as an unhandled error or as
 * "database unreachable".
 */
export function isClientAbort(error: unknown, request: FastifyRequest): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    e.code === 'ECONNRESET' &&
    e.message === 'aborted' &&
    (request.raw.aborted || request.raw.destroyed)
  );
}
