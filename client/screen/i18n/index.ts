/** The catalogue of the big screen, loaded with its chunk: one table per language. */
import type { Catalogue } from '../../i18n/catalogue.ts';
import { screenEn } from './en.ts';
import { screenZh, type ScreenKey } from './zh-CN.ts';

export type { ScreenKey };

export const SCREEN_MESSAGES: Catalogue<ScreenKey> = { 'zh-CN': screenZh, en: screenEn };
