import fc from 'fast-check';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { parseDbf, parseShp } from 'shpjs';
import { describe, expect, it } from 'vitest';
import { dbfFieldNames, shapefileZip } from './shapefile.ts';

const UNITS = [...'代码名称社区片区小区·问题类别已解决率(%)abcXYZ 012_-'];
const text = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 14 });
const longText = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 200 });

/** The longest start of `s` that fits in a 254-byte field in GBK. */
function fitted(s: string): string {
  let out = s;
  while (iconv.encode(out, 'gbk').length > 254) out = out.slice(0, -1);
  return out;
}

describe('Shapefile export', () => {
  it('names every field in at most 10 bytes of GBK, each name once', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), (columns) => {
        const names = dbfFieldNames(columns);
        expect(names).toHaveLength(columns.length);
        for (const n of names) expect(iconv.encode(n, 'gbk').length).toBeLessThanOrEqual(10);
        expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
      }),
    );
  });

  it('reads back the rows it wrote, text in GBK cut at a whole character', () => {
    const square = [
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    ] as [number, number][][][];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(longText, fc.integer({ min: -1e9, max: 1e9 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const zip = unzipSync(
            shapefileZip(
              't',
              ['名称', '数值'],
              rows,
              rows.map(() => square),
            ),
          );
          const back = parseDbf(zip['t.dbf']!, 'GBK');
          // Readers trim a dBase field's padding, leading spaces with it.
          expect(back.map((r) => [String(r['名称'] ?? '').trim(), r['数值']])).toEqual(
            rows.map(([name, n]) => [fitted(name).trim(), n]),
          );
          const shapes = parseShp(zip['t.shp']!) as { coordinates: unknown }[];
          expect(shapes).toHaveLength(rows.length);
        },
      ),
      { numRuns: 50 },
    );
  });
});
