import { describe, expect, it } from 'vitest';
import {
  DEPARTMENTS,
  ISSUE_CATEGORIES,
  SITE_ROOM_KINDS,
} from '../../../server/contract/vocabulary.ts';
import fc from 'fast-check';
import { VOCAB_KEY_PATTERN } from '../../../server/contract/vocabulary.ts';
import {
  CATEGORY_SYMBOL,
  DEPARTMENT_SYMBOL,
  ROOM_KIND_SYMBOL,
  categorySymbol,
  departmentSymbol,
  iconSpec,
  iconSpecs,
  issueIconId,
  keyColour,
  roomKindSymbol,
  siteIconId,
  staffIconId,
} from './symbols.ts';

const key = fc.stringMatching(new RegExp(VOCAB_KEY_PATTERN));
const designedCategory = (k: string) => (ISSUE_CATEGORIES as readonly string[]).includes(k);

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

  it('draws a designed category with its designed symbol', () => {
    for (const c of ISSUE_CATEGORIES) expect(categorySymbol(c)).toEqual(CATEGORY_SYMBOL[c]);
    for (const d of DEPARTMENTS) expect(departmentSymbol(d)).toEqual(DEPARTMENT_SYMBOL[d]);
    for (const k of SITE_ROOM_KINDS) expect(roomKindSymbol(k)).toEqual(ROOM_KIND_SYMBOL[k]);
  });

  it('draws any other key with the generic symbol, which no designed one looks like', () => {
    const designed = ISSUE_CATEGORIES.map((c) => JSON.stringify(categorySymbol(c)));
    fc.assert(
      fc.property(key, (k) => {
        fc.pre(!designedCategory(k));
        const s = categorySymbol(k);
        expect(s.mark).toBeDefined();
        expect(designed).not.toContain(JSON.stringify({ shape: s.shape, colour: s.colour }));
        expect(ISSUE_CATEGORIES.some((c) => CATEGORY_SYMBOL[c].shape === s.shape && !s.mark)).toBe(
          false,
        );
      }),
    );
  });

  it('gives a key past the designed ones the same valid colour every time', () => {
    fc.assert(
      fc.property(key, (k) => {
        const c = keyColour(k);
        expect(keyColour(k)).toEqual(c);
        expect(c.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
      }),
    );
  });

  it('spreads the colours of different keys', () => {
    const colours = new Set(
      ['gong_nuan', 'lv_hua', 'ran_qi', 'wu_ye', 'zao_yin', 'an_quan'].map((k) =>
        JSON.stringify(keyColour(k)),
      ),
    );
    expect(colours.size).toBe(6);
  });

  it('has an icon for any key of every kind', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(iconSpec(issueIconId(k, 'open'))?.id).toBe(issueIconId(k, 'open'));
        expect(iconSpec(siteIconId(k))?.shape).toBe('house');
        expect(iconSpec(staffIconId(k, false))).not.toBeNull();
      }),
    );
    expect(iconSpec('issue-gong_nuan-nonsense')).toBeNull();
  });
});
