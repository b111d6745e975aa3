import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = ReturnType<typeof AjvCompiler>;

// Each pool keeps one Ajv per set of options, so every app built in a process shares them.
const coercingPool = AjvCompiler();
const exactPool = AjvCompiler();

/**
 * Fastify's validator, with one difference: request bodies are validated as they are, never
 * coerced. Ajv's `coerceTypes` suits a query string or path, whose values are all text
 * (`?zoom=12`), but in a JSON body it turned `{"label": 12345}` into "12345" and
 * `{"disabled": "true"}` into true: a client that sends the wrong type gets a 400 naming the
 * field instead. Every other Ajv option (the app's `ajv.customOptions`) is the same for all
 * parts.
 */
export const bodyWithoutCoercion: NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
> = {
  buildValidator: ((externalSchemas, serverOptions) => {
    const coercing = coercingPool(externalSchemas, serverOptions);
    // The app uses JSON Schema (TypeBox), never JTD.
    const ajvOptions = (serverOptions ?? {}) as { customOptions?: object; plugins?: [] };
    const exact = exactPool(externalSchemas, {
      ...ajvOptions,
      customOptions: { ...ajvOptions.customOptions, coerceTypes: false },
    });
    return (route) => (route.httpPart === 'body' ? exact : coercing)(route);
  }) as ValidatorFactory,
};
