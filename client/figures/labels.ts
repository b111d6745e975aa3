/**
 * The labels of the figures, from their one definition (server/contract/figure-definitions.ts):
 * the panel, compare, the legend and the export name a figure the same way.
 */
import { figureDefinition } from '../../server/contract/figure-definitions.ts';
import type { Lang } from '../i18n/i18n.ts';

/** A figure's label in a language, by its key (`issues.resolved`). */
export function figureLabel(key: string, lang: Lang): string {
  const d = figureDefinition(key);
  return lang === 'en' ? d.en : d.zh;
}
