/**
 * Every catalogue by the mode that loads it, for tests: the app itself never imports this
 * (it would put every mode's strings in the first download).
 */
import { ADMIN_MESSAGES } from '../admin/i18n/index.ts';
import { DASHBOARD_MESSAGES } from '../app/i18n/index.ts';
import { IMPORTS_MESSAGES } from '../imports/i18n/index.ts';
import { PLANNER_MESSAGES } from '../planner/i18n/index.ts';
import { SCREEN_MESSAGES } from '../screen/i18n/index.ts';
import type { Catalogue, MessageKey } from './catalogue.ts';
import { SHELL_MESSAGES } from './shell/index.ts';

/** The mode whose chunk loads a catalogue; the shell's is always loaded. */
export type CatalogueMode = 'shell' | 'dashboard' | 'screen' | 'planner' | 'imports' | 'admin';

export const CATALOGUES: Record<CatalogueMode, Catalogue<MessageKey>> = {
  shell: SHELL_MESSAGES as Catalogue<MessageKey>,
  dashboard: DASHBOARD_MESSAGES as Catalogue<MessageKey>,
  screen: SCREEN_MESSAGES as Catalogue<MessageKey>,
  planner: PLANNER_MESSAGES as Catalogue<MessageKey>,
  imports: IMPORTS_MESSAGES as Catalogue<MessageKey>,
  admin: ADMIN_MESSAGES as Catalogue<MessageKey>,
};
