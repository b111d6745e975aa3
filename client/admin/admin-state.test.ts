import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type User } from '../../server/contract/index.ts';
import {
  NO_AUDIT_FILTER,
  areaOptions,
  auditQuery,
  editComplete,
  userChange,
  zoneTime,
  type AreaChoice,
} from './admin-state.ts';

const day = fc
  .date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('auditQuery', () => {
  it('asks for nothing when no filter is set', () => {
    expect(auditQuery(NO_AUDIT_FILTER)).toEqual({});
  });

  it('sends exactly the filters set, the actor trimmed, for any filter', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('', ...AUDIT_ACTIONS),
        fc.option(day, { nil: '' }),
        fc.option(day, { nil: '' }),
        (actor, action, from, to) => {
          const q = auditQuery({ actor, action, from, to });
          if (from && to && from > to) {
            expect(q).toBe('range');
            return;
          }
          expect(q).not.toBe('range');
          const query = q as Exclude<typeof q, 'range'>;
          expect(query.actor).toBe(actor.trim() || undefined);
          expect(query.action).toBe(action || undefined);
          expect(query.from).toBe(from || undefined);
          expect(query.to).toBe(to || undefined);
          expect(Object.values(query)).not.toContain('');
        },
      ),
    );
  });
});

const AREAS: AreaChoice[] = [
  { code: 'P2', name: '乙片区', level: 'pianqu', parentCode: null },
  { code: 'P1', name: '甲片区', level: 'pianqu', parentCode: null },
  { code: 'S1', name: '东社区', level: 'shequ', parentCode: 'P1' },
  { code: 'S2', name: '西社区', level: 'shequ', parentCode: 'P2' },
  { code: 'X1', name: '花园小区', level: 'xiaoqu', parentCode: 'S1' },
  { code: 'X2', name: '花园小区', level: 'xiaoqu', parentCode: 'S2' },
];

describe('areaOptions', () => {
  it('lists only the level asked for', () => {
    expect(
      areaOptions(AREAS, 'pianqu')
        .map((o) => o.code)
        .sort(),
    ).toEqual(['P1', 'P2']);
  });

  it('names a 小区 with its 社区, so two of one name are told apart', () => {
    expect(areaOptions(AREAS, 'xiaoqu').map((o) => o.label)).toEqual([
      '花园小区 · 东社区',
      '花园小区 · 西社区',
    ]);
  });
});

const USER: User = {
  id: 7,
  username: 'wang',
  displayName: '王书记',
  role: 'official',
  areaCode: 'S1',
  disabled: false,
  locked: false,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('userChange', () => {
  it('sends nothing when nothing changed', () => {
    expect(userChange(USER, { displayName: '王书记 ', role: 'official', areaCode: 'S1' })).toBe(
      null,
    );
  });

  it('sends only the role and clears the area of a planner', () => {
    expect(userChange(USER, { displayName: '王书记', role: 'planner', areaCode: 'S1' })).toEqual({
      role: 'planner',
      areaCode: null,
    });
  });

  it('sends only a new area', () => {
    expect(userChange(USER, { displayName: '王书记', role: 'official', areaCode: 'X2' })).toEqual({
      areaCode: 'X2',
    });
  });

  it('needs an area for an official and a name for everyone', () => {
    expect(editComplete({ displayName: '王', role: 'official', areaCode: null })).toBe(false);
    expect(editComplete({ displayName: ' ', role: 'admin', areaCode: null })).toBe(false);
    expect(editComplete({ displayName: '王', role: 'admin', areaCode: null })).toBe(true);
  });
});

describe('zoneTime', () => {
  it("writes an instant on the data set's clock with its year, across midnight", () => {
    expect(zoneTime('Asia/Shanghai', '2025-05-02T16:00:00.000Z')).toBe('2025-05-03 00:00:00');
    expect(zoneTime('Asia/Urumqi', '2025-05-02T16:00:00Z')).toBe('2025-05-02 22:00:00');
  });
});
