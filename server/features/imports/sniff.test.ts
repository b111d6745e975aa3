import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS } from './limits.ts';
import { sniff } from './sniff.ts';

const typeOf = (b: Uint8Array) => sniff(b, DEFAULT_PARSE_LIMITS).type;
const zip = (names: string[]) =>
  zipSync(Object.fromEntries(names.map((n) => [n, new TextEncoder().encode('x')])));
const text = (s: string) => new TextEncoder().encode(s);
const ole = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(600),
    Buffer.from(stream, 'utf16le'),
  ]);

describe('a file known by its bytes', () => {
  it.each([
    ['a zipped Shapefile', zip(['a/小区.shp', 'a/小区.dbf']), 'shapefile'],
    ['an .xlsx', zip(['[Content_Types].xml', 'xl/workbook.xml']), 'xlsx'],
    ['a .docx', zip(['[Content_Types].xml', 'word/document.xml']), 'docx'],
    ['a KMZ', zip(['doc.kml']), 'kmz'],
    ['another zip', zip(['readme.txt']), 'zip'],
    ['an .xls', ole('Workbook'), 'xls'],
    ['an encrypted .xlsx', ole('EncryptedPackage'), 'encrypted'],
    ['a .doc', ole('WordDocument'), 'ole2'],
    ['KML', text('<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'), 'kml'],
    ['other XML', text('<?xml version="1.0"?><gpx/>'), 'xml'],
    ['GeoJSON with a BOM', text('\ufeff {"type":"FeatureCollection"}'), 'json'],
    ['a PDF', text('%PDF-1.7'), 'pdf'],
    ['a CSV', text('工单编号,经度\n1,122.1\n'), 'text'],
    ['bytes with NULs', Uint8Array.from([1, 0, 2, 0, 3]), 'binary'],
  ] as const)('%s', (_, bytes, type) => {
    expect(typeOf(bytes)).toBe(type);
  });

  it('tells a GeoPackage from another SQLite database by its application id', () => {
    const db = Buffer.alloc(1024);
    db.write('SQLite format 3\0', 0, 'latin1');
    expect(typeOf(db)).toBe('sqlite');
    db.write('GPKG', 68, 'latin1');
    expect(typeOf(db)).toBe('gpkg');
  });
});
