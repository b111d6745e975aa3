/**
 * The vocabulary's route, apart from `vocabulary.ts`: `common.ts` reads the level lists from
 * there, so that file cannot import the shared error answers back.
 */
import { errorResponses } from './common.ts';
import { aggregates, defineRoute } from './route.ts';
import { VocabularySchema } from './vocabulary.ts';

export const vocabularyRoutes = {
  /** Every list's terms with their names; read at start, before anyone logs in (as the data set). */
  vocabulary: defineRoute({
    method: 'GET',
    url: '/api/vocabulary',
    access: 'none',
    scope: aggregates,
    schema: { response: { 200: VocabularySchema, ...errorResponses } },
  }),
};
