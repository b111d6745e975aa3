/** The catalogue of the shell: the header, sign-in, connection and start-up notices, levels, windows, search, compare and errors every mode shows: one table per language. */
import type { Catalogue } from '../catalogue.ts';
import { shellEn } from './en.ts';
import { shellZh, type ShellKey } from './zh-CN.ts';

export type { ShellKey };

export const SHELL_MESSAGES: Catalogue<ShellKey> = { 'zh-CN': shellZh, en: shellEn };
