/** The catalogue of the planner's workbench, loaded with its chunk: one table per language. */
import type { Catalogue } from '../../i18n/catalogue.ts';
import { plannerEn } from './en.ts';
import { plannerZh, type PlannerKey } from './zh-CN.ts';

export type { PlannerKey };

export const PLANNER_MESSAGES: Catalogue<PlannerKey> = { 'zh-CN': plannerZh, en: plannerEn };
