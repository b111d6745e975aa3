import type { FastifyInstance } from 'fastify';
import type { Route } from '../contract/route.ts';

/**
 * The Fastify options of a declared route, for `app.route({ ...routeOptions(app, route),
 * handler })`: its URL below the plugin's prefix, its schemas and its access. The literal
 * schema types flow through, so the TypeBox provider types the handler's request and reply.
 */
export function routeOptions<const R extends Route>(
  app: FastifyInstance,
  route: R,
): { method: R['method']; url: string; schema: R['schema']; config: { access: R['access'] } } {
  const prefix = app.prefix;
  if (!route.url.startsWith(prefix)) {
    throw new Error(`route ${route.url} is registered under ${prefix}, outside its own path`);
  }
  return {
    method: route.method,
    url: route.url.slice(prefix.length),
    schema: route.schema,
    config: { access: route.access },
  };
}
