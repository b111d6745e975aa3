/** The API's own description, for tools that read OpenAPI (Swagger UI, code generators, QGIS). */
import { Type } from '@sinclair/typebox';
import { errorResponses } from './common.ts';
import { aggregates, defineRoute } from './route.ts';

/** The media type of an OpenAPI 3.0 document in JSON. */
export const OPENAPI_MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** The whole API's description. */
export const openApiRoutes = {
  /**
   * Every route of the API as an OpenAPI 3.0 document, generated from the contract's schemas,
   * with the words of its comments; the same for every caller.
   */
  document: defineRoute({
    method: 'GET',
    url: '/api/openapi.json',
    access: 'public',
    scope: aggregates,
    schema: {
      response: {
        200: Type.Record(Type.String(), Type.Unknown(), { description: 'OpenAPI 3.0 document' }),
        ...errorResponses,
      },
      produces: [OPENAPI_MEDIA_TYPE],
    },
  }),
};
