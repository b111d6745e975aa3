import { describe, expect, it } from 'vitest';
import {
  DEPARTMENTS,
  ISSUE_CATEGORIES,
  SITE_ROOM_KINDS,
} from '../../../server/contract/vocabulary.ts';
import {
  CATEGORY_SYMBOL,
  DEPARTMENT_SYMBOL,
  ROOM_KIND_SYMBOL,
  iconSpecs,
  issueIconId,
} from './symbols.ts';

const distinct = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size;

describe('overlay symbols', () => {
  it('tells issue categories apart by shape as well as by colour', () => {
    const symbols = ISSUE_CATEGORIES.map((c) => CATEGORY_SYMBOL[c]);
    expect(distinct(symbols.map((s) => s.shape))).toBe(ISSUE_CATEGORIES.length);
    expect(distinct(symbols.map((s) => s.colour))).toBe(ISSUE_CATEGORIES.length);
  });

  it('tells departments and room kinds apart by shape or mark', () => {
    expect(distinct(DEPARTMENTS.map((d) => DEPARTMENT_SYMBOL[d].shape))).toBe(DEPARTMENTS.length);
    expect(distinct(SITE_ROOM_KINDS.map((k) => ROOM_KIND_SYMBOL[k].mark))).toBe(
      SITE_ROOM_KINDS.length,
    );
  });

  it('has one icon per category and status, per room kind, per department and duty', () => {
    const ids = iconSpecs().map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(issueIconId('roads', 'escalated'));
    expect(ids).toHaveLength(7 * 4 + 4 + 4 * 2 + 1);
  });

  it('draws resolved issues hollow, the others filled', () => {
    const specs = iconSpecs();
    expect(specs.find((s) => s.id === issueIconId('parking', 'resolved'))!.filled).toBe(false);
    expect(specs.find((s) => s.id === issueIconId('parking', 'open'))!.filled).toBe(true);
  });
});
