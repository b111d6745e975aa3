import type { CompoundType } from '../../server/contract/vocabulary.ts';
import { months } from './calendar.ts';
import type { Xiaoqu } from './compounds.ts';
import type { Rng } from './prng.ts';

/** 信用积分 earned in one 小区 in one month. */
export interface CreditMonth {
  xiaoquCode: string;
  month: string;
  points: number;
  participants: number;
}

/** Share of households taking part in a month: old compounds have the most active branches. */
const PARTICIPATION: Record<CompoundType, [number, number]> = {
  old: [0.09, 0.14],
  mixed: [0.05, 0.08],
  new: [0.05, 0.09],
  coastal: [0.035, 0.06],
};

/**
 * Monthly points and participants per 小区, December 2023 to November 2026: a ramp-up in the
 * first year, a Spring Festival and a 学雷锋 (March) bump, summer patrols in coastal compounds.
 */
export function buildCredits(rng: Rng, xiaoqu: Xiaoqu[]): CreditMonth[] {
  const out: CreditMonth[] = [];
  const all = months();
  for (const x of xiaoqu) {
    const rate = rng.float(...PARTICIPATION[x.type]);
    const pointsEach = rng.float(9, 16);
    for (const [i, month] of all.entries()) {
      const m = Number(month.slice(5));
      let season = m === 1 || m === 2 ? 1.15 : m === 3 ? 1.2 : 1;
      if (x.type === 'coastal' && (m === 7 || m === 8)) season *= 1.6;
      const ramp = 0.65 + 0.45 * Math.min(1, i / 12);
      const participants = Math.max(
        1,
        Math.round(x.households * rate * season * ramp * rng.float(0.8, 1.2)),
      );
      out.push({
        xiaoquCode: x.code,
        month,
        participants,
        points: Math.round(participants * pointsEach * rng.float(0.85, 1.15)),
      });
    }
  }
  return out;
}
