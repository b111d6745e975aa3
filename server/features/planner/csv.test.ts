import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assignmentCsv, parseAssignmentCsv } from './csv.ts';

const UNITS = ['SQ01', 'SQ02', 'SQ03'];
const parse = (text: string | Buffer) =>
  parseAssignmentCsv(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, UNITS);

describe('assignment CSV', () => {
  it('reads back what it writes (BOM, CRLF)', () => {
    const assignment = { SQ02: 'PQ01', SQ01: 'PQ01', SQ03: 'PQ02' };
    const csv = assignmentCsv(assignment);
    expect(csv.startsWith('\uFEFFshequ_code,pianqu_code\r\nSQ01,PQ01\r\n')).toBe(true);
    const parsed = parse(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.assignment).toEqual(assignment);
  });

  it('takes columns in any order, quoted, with extra columns, blank lines and no BOM', () => {
    const parsed = parse(
      'name,pianqu_code,shequ_code\n"甲, 社区",PQ01,"SQ01"\n\n乙,PQ01,SQ02\n丙,PQ02,SQ03\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.assignment).toEqual({ SQ01: 'PQ01', SQ02: 'PQ01', SQ03: 'PQ02' });
  });

  it('refuses UTF-16 with a hint to save as UTF-8', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('shequ_code', 'utf16le')]);
    expect(parse(utf16).problems).toEqual([expect.objectContaining({ problem: 'not_utf8' })]);
  });

  it('reads a GBK file, as Excel saves CSV on a Chinese Windows', () => {
    const gbk = iconv.encode(
      '名称,shequ_code,pianqu_code\r\n甲社区,SQ01,PQ01\r\n乙,SQ02,PQ01\r\n丙,SQ03,PQ02\r\n',
      'gbk',
    );
    const parsed = parse(gbk);
    expect(parsed.problems).toEqual([]);
    expect(parsed.assignment).toEqual({ SQ01: 'PQ01', SQ02: 'PQ01', SQ03: 'PQ02' });
  });

  it('refuses text a browser already decoded from GBK (replacement characters)', () => {
    const p = parse('shequ_code,pianqu_code\nSQ01,PQ01\n\uFFFD\uFFFD,PQ01\n').problems;
    expect(p).toEqual([expect.objectContaining({ row: 3, problem: 'not_utf8' })]);
  });

  it('names each bad row: a missing column, a bad 片区 code, an unclosed quote', () => {
    const p = parse('shequ_code,pianqu_code\nSQ01,\nSQ02,PQ 02\nSQ03,PQ03\n').problems;
    expect(p.map((x) => [x.row, x.problem])).toEqual([
      [2, 'bad_row'],
      [3, 'bad_pianqu_code'],
    ]);
    const q = parse('shequ_code,pianqu_code\nSQ01,"PQ01\n').problems;
    expect(q).toEqual([expect.objectContaining({ problem: 'bad_row' })]);
  });

  it('lists every 社区 the file leaves out', () => {
    const p = parse('shequ_code,pianqu_code\nSQ02,PQ01\n').problems;
    expect(p.map((x) => [x.code, x.problem])).toEqual([
      ['SQ01', 'missing_shequ'],
      ['SQ03', 'missing_shequ'],
    ]);
  });
});
