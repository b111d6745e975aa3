import { describe, expect, it } from 'vitest';
import type { Duty } from '../../../server/contract/index.ts';
import { staffGroups } from './staff-layer.ts';

const post = (
  code: string,
  department: Duty[number]['department'],
  xiaoquCode: string,
  onDuty: boolean,
): Duty[number] => ({
  code,
  department,
  xiaoquCode,
  xiaoquName: xiaoquCode,
  dutySchedule: 'daily 08-20',
  onDuty,
  position: [122, 37.5],
});

describe('staffGroups', () => {
  it('counts the staff of a department at a post, and those on duty', () => {
    const groups = staffGroups([
      post('S1', 'police', 'XQ1', true),
      post('S2', 'police', 'XQ1', false),
      post('S3', 'fire', 'XQ2', false),
    ]);
    const police = groups.find((g) => g.department === 'police')!;
    expect(police).toMatchObject({ total: 2, onDuty: 1, xiaoquCode: 'XQ1' });
    expect(groups.find((g) => g.department === 'fire')).toMatchObject({ total: 1, onDuty: 0 });
  });

  it('sets the departments of one post apart, and leaves a lone one in place', () => {
    const groups = staffGroups([
      post('S1', 'police', 'XQ1', true),
      post('S2', 'urban', 'XQ1', true),
      post('S3', 'fire', 'XQ2', true),
    ]);
    const at = (d: string) => groups.find((g) => g.department === d)!.offset;
    expect(at('police')).not.toEqual(at('urban'));
    expect(at('fire')).toEqual([0, 0]);
  });
});
