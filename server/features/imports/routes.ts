import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import {
  ColumnMappingSchema,
  IMPORT_KINDS,
  importRoutes,
  type ColumnMapping,
} from '../../contract/index.ts';
import { actorName } from '../../auth/repository.ts';
import { routeOptions } from '../../http/route.ts';
import { Value } from '@sinclair/typebox/value';
import { describeFields } from './fields.ts';
import { vocabularyRepository } from '../vocabulary/repository.ts';
import { ImportInputError, runImport, type ImportLimits } from './service.ts';
import { RestoreRefused, importsRepository } from './repository.ts';
import { ParseWorkers } from './parse-off-thread.ts';

/**
 * What an import's body may be declared as: the bytes as they are (what the import page sends),
 * or the file's own type. Not the types a foreign page's form can post (text/plain, form
 * encodings): those answer 415.
 */
export const IMPORT_BODY_TYPES = [
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
  'application/json',
  'application/geo+json',
  'text/csv',
];

export interface ImportRoutesOptions {
  limits: ImportLimits;
}

/**
 * `POST /api/admin/imports?kind=…&fileName=…` with the file as the request body (one of
 * IMPORT_BODY_TYPES: the bytes are read as they are, streamed for records), plus history, restore, saved
 * sources and the fields each kind's mapping can name. Admins only.
 */
export const importsRoutes: FastifyPluginAsyncTypebox<ImportRoutesOptions> = async (
  app,
  options,
) => {
  const repo = importsRepository(app.db);
  // A shutdown ends the file readers first, so a hostile upload never holds SIGTERM up.
  const workers = new ParseWorkers();
  const limits = { ...options.limits, workers };
  app.addHook('preClose', async () => workers.stop());
  // The body is the file, whatever type of IMPORT_BODY_TYPES it is declared as: handed over
  // unread, so a records file streams.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  const run = routeOptions(app, importRoutes.run);
  app.route({
    ...run,
    config: { ...run.config, bodyTypes: IMPORT_BODY_TYPES },
    // The service counts the bytes against its own limits (boundaries and records differ).
    bodyLimit: options.limits.maxBytes + 1,
    handler: async (request, reply) => {
      const q = request.query;
      let mapping: ColumnMapping | undefined;
      if (q.mapping !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(q.mapping);
        } catch {
          throw app.httpErrors.badRequest(
            'mapping must be a JSON object of field → column, e.g. {"lon":"经度"}',
          );
        }
        if (!Value.Check(ColumnMappingSchema, parsed) || Array.isArray(parsed)) {
          throw app.httpErrors.badRequest(
            'mapping must be a JSON object of field → column (both strings)',
          );
        }
        mapping = parsed;
      }
      const body = request.body as Readable | undefined;
      const input: AsyncIterable<Uint8Array> = body ?? (async function* () {})();
      try {
        const report = await runImport(
          app.db,
          input,
          { ...q, mapping },
          limits,
          actorName(request.principal),
        );
        if (report.errorCount === 0) return report;
        const tooLarge = report.problemCounts.file_too_large !== undefined;
        // Drain what the client still sends, so it reads the answer instead of a reset.
        // The rest of a refused upload is not wanted: the connection ends after the answer,
        // so the next request starts on a clean one.
        body?.resume();
        if (body && !body.readableEnded) reply.header('connection', 'close');
        return reply.status(tooLarge ? 413 : 422).send({
          statusCode: tooLarge ? 413 : 422,
          error: tooLarge ? 'Payload Too Large' : 'Unprocessable Entity',
          message: `${report.errorCount} problem${report.errorCount === 1 ? '' : 's'} found; nothing was imported. First: ${report.problems[0]?.message ?? ''}`,
          report,
        });
      } catch (e) {
        if (e instanceof ImportInputError) throw app.httpErrors.badRequest(e.message);
        throw e;
      }
    },
  });

  app.route({ ...routeOptions(app, importRoutes.runs), handler: async () => repo.runs() });

  app.route({
    ...routeOptions(app, importRoutes.restore),
    handler: async (request) => {
      try {
        return await repo.restore(request.params.id, actorName(request.principal));
      } catch (e) {
        if (e instanceof RestoreRefused) {
          throw e.statusCode === 404
            ? app.httpErrors.notFound(e.message)
            : app.httpErrors.conflict(e.message);
        }
        throw e;
      }
    },
  });

  app.route({ ...routeOptions(app, importRoutes.sources), handler: async () => repo.sources() });

  app.route({
    ...routeOptions(app, importRoutes.fields),
    handler: async () => {
      const vocabulary = await vocabularyRepository(app.db).all();
      return Object.fromEntries(IMPORT_KINDS.map((k) => [k, describeFields(k, vocabulary)]));
    },
  });
};
