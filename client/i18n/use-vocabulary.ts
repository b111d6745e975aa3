import { createContext, useContext } from 'react';
import { VOCABULARY_KINDS, type Vocabulary } from '../../server/contract/vocabulary.ts';
import { vocabularyRoutes } from '../../server/contract/vocabulary-routes.ts';
import { useRouteQuery } from '../api/query.ts';

/** No terms: what components see before `GET /api/vocabulary` has answered. */
export const EMPTY_VOCABULARY: Vocabulary = Object.fromEntries(
  VOCABULARY_KINDS.map((k) => [k, []]),
) as unknown as Vocabulary;

/** The vocabulary's lists (filter chips, legends, charts); the App provides them. */
export const VocabularyContext = createContext<Vocabulary>(EMPTY_VOCABULARY);

/** The vocabulary's lists, each in its order. */
export function useVocabulary(): Vocabulary {
  return useContext(VocabularyContext);
}

/**
 * Loads the vocabulary once at start, and again when the app invalidates the cache after the
 * data version moved (an import may have added terms). Null until the first answer; the last
 * one is kept while it reloads.
 */
export function useVocabularyLoader(): Vocabulary | null {
  return useRouteQuery(vocabularyRoutes.vocabulary, {}, { keepPrevious: true }).data;
}
