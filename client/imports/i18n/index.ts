/** The catalogue of the data import page, loaded with its chunk: one table per language. */
import type { Catalogue } from '../../i18n/catalogue.ts';
import { importsEn } from './en.ts';
import { importsZh, type ImportsKey } from './zh-CN.ts';

export type { ImportsKey };

export const IMPORTS_MESSAGES: Catalogue<ImportsKey> = { 'zh-CN': importsZh, en: importsEn };
