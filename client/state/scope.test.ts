import { describe, expect, it } from 'vitest';
import { areaScope, childLevel, contextScope, scopeKey } from './scope.ts';

const zone = { code: 'Z01', name: '测试区', level: 'chengqu' as const };
const pianqu = { code: 'PQ01', name: '东片区', level: 'pianqu' as const };
const shequ = { code: 'SQ01', name: '东一社区', level: 'shequ' as const };

describe('childLevel', () => {
  it('steps one level down the hierarchy', () => {
    expect(childLevel('chengqu')).toBe('pianqu');
    expect(childLevel('pianqu')).toBe('shequ');
    expect(childLevel('shequ')).toBe('xiaoqu');
  });

  it('has nothing below a 小区', () => {
    expect(childLevel('xiaoqu')).toBeNull();
  });
});

describe('areaScope', () => {
  it('draws every 片区 for the zone', () => {
    expect(areaScope({ code: zone.code, level: 'chengqu', chain: [] })).toEqual({
      level: 'pianqu',
      parent: undefined,
      selected: null,
    });
  });

  it('draws the 社区 of a selected 片区', () => {
    expect(areaScope({ code: 'PQ01', level: 'pianqu', chain: [zone] })).toEqual({
      level: 'shequ',
      parent: 'PQ01',
      selected: null,
    });
  });

  it('draws the 小区 of a selected 社区', () => {
    expect(areaScope({ code: 'SQ01', level: 'shequ', chain: [zone, pianqu] })).toEqual({
      level: 'xiaoqu',
      parent: 'SQ01',
      selected: null,
    });
  });

  it('draws the sibling 小区 of a selected 小区 and marks it', () => {
    expect(areaScope({ code: 'XQ001', level: 'xiaoqu', chain: [zone, pianqu, shequ] })).toEqual({
      level: 'xiaoqu',
      parent: 'SQ01',
      selected: 'XQ001',
    });
  });
});

describe('scopeKey', () => {
  it('tells a whole level from the children of one parent', () => {
    expect(scopeKey({ level: 'pianqu', parent: undefined })).toBe('pianqu:*');
    expect(scopeKey({ level: 'shequ', parent: 'PQ01' })).toBe('shequ:PQ01');
  });
});

describe('contextScope', () => {
  it('has no neighbours for the zone', () => {
    expect(contextScope({ code: zone.code, level: 'chengqu', chain: [] })).toBeNull();
  });

  it('outlines the other 片区 around a 片区', () => {
    expect(contextScope({ code: 'PQ01', level: 'pianqu', chain: [zone] })).toEqual({
      level: 'pianqu',
      parent: undefined,
      exclude: 'PQ01',
    });
  });

  it('outlines the other 社区 of the 片区 around a 社区', () => {
    expect(contextScope({ code: 'SQ01', level: 'shequ', chain: [zone, pianqu] })).toEqual({
      level: 'shequ',
      parent: 'PQ01',
      exclude: 'SQ01',
    });
  });

  it('outlines the 社区 around the parent of a 小区', () => {
    expect(contextScope({ code: 'XQ001', level: 'xiaoqu', chain: [zone, pianqu, shequ] })).toEqual({
      level: 'shequ',
      parent: 'PQ01',
      exclude: 'SQ01',
    });
  });
});
