/** The catalogue of the admin page, loaded with its chunk: one table per language. */
import type { Catalogue } from '../../i18n/catalogue.ts';
import { adminEn } from './en.ts';
import { adminZh, type AdminKey } from './zh-CN.ts';

export type { AdminKey };

export const ADMIN_MESSAGES: Catalogue<AdminKey> = { 'zh-CN': adminZh, en: adminEn };
