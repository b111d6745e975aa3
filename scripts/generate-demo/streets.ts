/**
 * The demo zone's 镇街: 怡园街道 · 田和街道 · 双岛街道 · 初村镇. The demo's own data, written to
 * geodata/streets.csv; the product reads streets as rows (migration 015).
 */
export const STREETS = ['yiyuan', 'tianhe', 'shuangdao', 'chucun'] as const;
export type Street = (typeof STREETS)[number];

export const STREET_NAMES: Record<Street, string> = {
  yiyuan: '怡园街道',
  tianhe: '田和街道',
  shuangdao: '双岛街道',
  chucun: '初村镇',
};
