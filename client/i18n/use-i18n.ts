import { createContext, useContext } from 'react';
import { DEFAULT_LANG, translator, type Translator } from './i18n.ts';

/** The translator of the UI language; App provides it from the URL's `lang`. */
export const I18nContext = createContext<Translator>(translator(DEFAULT_LANG));

/** The current translator: `t(key)`, `vocab(list, key)`, `count(n)`, `percent(r)`. */
export function useI18n(): Translator {
  return useContext(I18nContext);
}
