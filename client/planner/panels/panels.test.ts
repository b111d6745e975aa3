import { describe, expect, it } from 'vitest';
import type { PlanCompare } from '../../../server/contract/planner.ts';
import { planAssignments } from './CompareView.tsx';
import { formatArea, formatRatio, formatSignedPct } from './format.ts';

describe('compare', () => {
  it("rebuilds each plan's assignment from the moved list over the shared one", () => {
    const metrics = {} as PlanCompare['plans'][number]['metrics'];
    const plan = (id: string) => ({ id, name: id, baseVersion: 1, pianqu: [], metrics });
    const data: PlanCompare = {
      plans: [plan('current'), plan('7')],
      moved: [{ code: 'S2', name: '二', pianqu: ['A', 'B'] }],
    };
    expect(planAssignments(data, { S1: 'A', S2: 'A', S3: 'B' })).toEqual([
      { S1: 'A', S2: 'A', S3: 'B' },
      { S1: 'A', S2: 'B', S3: 'B' },
    ]);
  });
});

describe('formats', () => {
  it('writes deviations signed with one decimal, ratios with a dash when undefined', () => {
    expect(formatSignedPct(0.0421)).toBe('+4.2%');
    expect(formatSignedPct(-0.12)).toBe('−12.0%');
    expect(formatSignedPct(0)).toBe('±0.0%');
    expect(formatRatio(null, 1)).toBe('—');
    expect(formatRatio(2.345, 2)).toBe('2.35');
    expect(formatArea(2_600_000)).toBe('2.60 km²');
  });
});
