import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Methods that change state: every one must come from the product's own pages. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Options of the origin check. */
export interface OriginCheckOptions {
  /**
   * Origins besides the server's own that may write, such as `https://atlas.example.org` when a
   * reverse proxy serves the product there and passes another Host (PUBLIC_ORIGINS; default
   * none).
   */
  publicOrigins?: readonly string[];
}

/**
 * Why a write does not come from the product's own pages, or null when it does.
 *
 * SameSite=Strict cookies do not stop a page on another port of this host or on a sibling
 * subdomain: to the browser those are the same site, so it sends the session with their
 * posts. The browser's own word about the origin is the check instead:
 * - `Sec-Fetch-Site: same-origin` passes; `same-site` (another port, a sibling subdomain) and
 *   `cross-site` are refused unless their `Origin` is listed.
 * - Otherwise `Origin` must be this server's own (its Host and protocol) or listed;
 *   `Origin: null` (sandboxed frames, some redirects) is refused.
 * - With neither header the client is not a browser (curl, scripts): a browser sends `Origin`
 *   on every cross-origin POST, PUT, PATCH and DELETE, so such a request cannot carry a
 *   victim's cookie from another page.
 */
export function foreignWrite(
  request: Pick<FastifyRequest, 'method' | 'headers' | 'protocol' | 'host'>,
  allowed: ReadonlySet<string>,
): string | null {
  if (!WRITES.has(request.method)) return null;
  const site = header(request.headers['sec-fetch-site'])?.toLowerCase();
  if (site === 'same-origin') return null;
  const origin = header(request.headers.origin);
  if (origin !== undefined) {
    const own = normalOrigin(`${request.protocol}://${request.host}`);
    const given = origin === 'null' ? 'null' : normalOrigin(origin);
    if (given === own || allowed.has(given)) return null;
    return given === 'null'
      ? 'a write from an opaque origin (Origin: null) is refused'
      : `a write from ${origin.slice(0, 100)} is refused: only this server's own pages (${own}) or PUBLIC_ORIGINS may write`;
  }
  if (site === 'same-site' || site === 'cross-site') {
    return `a write from another page (Sec-Fetch-Site: ${site}) is refused: only this server's own pages may write`;
  }
  return null;
}

/** An origin as browsers write it (`HTTP://Host:80` is `http://host`), or as given. */
function normalOrigin(origin: string): string {
  try {
    return new URL(origin).origin.toLowerCase();
  } catch {
    return origin.toLowerCase();
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Normalises a configured origin (`https://Atlas.example.org/` → `https://atlas.example.org`). */
export function parseOrigin(value: string, variable = 'PUBLIC_ORIGINS'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable}: "${value}" is not an origin such as https://atlas.example.org`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search) {
    throw new Error(
      `${variable}: "${value}" is not an origin (scheme, host and port only), such as https://atlas.example.org`,
    );
  }
  return url.origin;
}

/**
 * Refuses, with 403 and the reason, every write that does not come from the product's own
 * pages (see {@link foreignWrite}). Registered after the rate limit, so refusals count, and
 * before the session lookup, so a foreign page costs no database round trip.
 */
export function originCheck(app: FastifyInstance, options: OriginCheckOptions = {}): void {
  const allowed = new Set((options.publicOrigins ?? []).map((o) => parseOrigin(o).toLowerCase()));
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const reason = foreignWrite(request, allowed);
    if (reason === null) return;
    return reply.status(403).send({ statusCode: 403, error: 'Forbidden', message: reason });
  });
}
