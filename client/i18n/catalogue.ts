/**
 * The messages of the client, one catalogue per language and mode. The shell's catalogue is
 * always here; a mode's (dashboard, big screen, workbench, data import, admin) is loaded with that
 * mode's chunk (`lazyMode(load, messages)`), so a screen never downloads the planner's strings.
 * Each catalogue's Chinese table is the source of its keys; its English table must have them
 * all (the compiler checks).
 */
import type { AdminKey } from '../admin/i18n/index.ts';
import type { DashboardKey } from '../app/i18n/index.ts';
import type { ImportsKey } from '../imports/i18n/index.ts';
import type { PlannerKey } from '../planner/i18n/index.ts';
import type { ScreenKey } from '../screen/i18n/index.ts';
import { SHELL_MESSAGES, type ShellKey } from './shell/index.ts';

/** Languages of the UI; the first is the default. */
export const LANGS = ['zh-CN', 'en'] as const;
/** A UI language, kept in the URL parameter `lang`. */
export type Lang = (typeof LANGS)[number];
/** The language used when the URL names none (or one we do not have). */
export const DEFAULT_LANG: Lang = 'zh-CN';

/** One catalogue: a table of messages per language, over the same keys. */
export type Catalogue<K extends string> = { readonly [L in Lang]: Readonly<Record<K, string>> };

/** Every key of every catalogue. */
export type MessageKey = ShellKey | DashboardKey | PlannerKey | ScreenKey | ImportsKey | AdminKey;

const loaded: Record<Lang, Partial<Record<MessageKey, string>>> = { 'zh-CN': {}, en: {} };

/** The messages loaded so far, per language: the shell's, and those of the modes opened. */
export const MESSAGES: { readonly [L in Lang]: Readonly<Partial<Record<MessageKey, string>>> } =
  loaded;

/** Adds a mode's catalogue; translators made before see it too (they read this table). */
export function addCatalogue<K extends MessageKey>(catalogue: Catalogue<K>): void {
  for (const lang of LANGS) Object.assign(loaded[lang], catalogue[lang]);
}

addCatalogue(SHELL_MESSAGES);
