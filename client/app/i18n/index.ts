/** The catalogue of the dashboard (地图、图层、画像面板), loaded with its chunk: one table per language. */
import type { Catalogue } from '../../i18n/catalogue.ts';
import { dashboardEn } from './en.ts';
import { dashboardZh, type DashboardKey } from './zh-CN.ts';

export type { DashboardKey };

export const DASHBOARD_MESSAGES: Catalogue<DashboardKey> = {
  'zh-CN': dashboardZh,
  en: dashboardEn,
};
