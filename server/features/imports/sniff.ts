/**
 * What a file is, known by its bytes: its first bytes, and for a zip the names in its central
 * directory. A name's extension says what the sender meant, not what the file is: a workbook
 * renamed .csv or a GeoPackage dropped as boundaries is named for what it is, and the refusal
 * says what to do with it, instead of a parser's confusion about GBK or `<?xml`.
 */
import type { ImportProblemCode } from '../../contract/index.ts';
import type { ParseLimits } from './limits.ts';
import { listZip, type ZipEntry } from './zip.ts';

export type FileType =
  | 'shapefile'
  | 'xlsx'
  | 'docx'
  | 'kmz'
  | 'zip'
  | 'xls'
  | 'encrypted'
  | 'ole2'
  | 'gpkg'
  | 'sqlite'
  | 'kml'
  | 'xml'
  | 'json'
  | 'pdf'
  | 'binary'
  | 'text';

/** The types' names in the report's English messages (the client words them from the key). */
export const TYPE_NAMES: Record<FileType, string> = {
  shapefile: 'a zipped Shapefile',
  xlsx: 'an Excel workbook (.xlsx)',
  docx: 'a Word or PowerPoint document',
  kmz: 'a KMZ (zipped KML)',
  zip: 'a zip without a Shapefile, workbook or KML inside',
  xls: 'an old Excel workbook (.xls)',
  encrypted: 'a password-protected Office file',
  ole2: 'an old Office document',
  gpkg: 'a GeoPackage',
  sqlite: 'an SQLite database that is not a GeoPackage',
  kml: 'a KML file',
  xml: 'an XML file that is not KML',
  json: 'a JSON file',
  pdf: 'a PDF',
  binary: 'a binary file',
  text: 'a text file (CSV)',
};

export interface Sniffed {
  type: FileType;
  /** A zip's checked directory (read once, used again by the reader). */
  entries?: ZipEntry[];
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SQLITE = 'SQLite format 3\0';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/** Whether an OLE2 file's directory names this stream (names are UTF-16LE). */
const holdsStream = (b: Uint8Array, name: string) =>
  Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(utf16(name)) >= 0;

/** The type of the file whose bytes these are. A damaged zip throws ZipRefused. */
export function sniff(bytes: Uint8Array, limits: ParseLimits): Sniffed {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) {
    const entries = listZip(bytes, limits);
    const names = entries.map((e) => e.name.toLowerCase());
    const type: FileType = names.some((n) => n.endsWith('.shp'))
      ? 'shapefile'
      : names.includes('[content_types].xml') && names.includes('xl/workbook.xml')
        ? 'xlsx'
        : names.includes('[content_types].xml')
          ? 'docx'
          : names.some((n) => n.endsWith('.kml'))
            ? 'kmz'
            : 'zip';
    return { type, entries };
  }
  if (startsWith(bytes, OLE2)) {
    // An encrypted .xlsx is an OLE2 file holding the encrypted package, not a zip.
    if (holdsStream(bytes, 'EncryptedPackage')) return { type: 'encrypted' };
    if (holdsStream(bytes, 'Workbook') || holdsStream(bytes, 'Book')) return { type: 'xls' };
    return { type: 'ole2' };
  }
  const head = Buffer.from(bytes.subarray(0, 4096));
  if (head.subarray(0, 16).toString('latin1') === SQLITE) {
    // application_id at byte 68: GPKG (1.2+), or GP10/GP11 in older GeoPackages.
    const app = head.subarray(68, 72).toString('latin1');
    return { type: /^GP(KG|1\d)$/.test(app) || holdsGpkgTables(bytes) ? 'gpkg' : 'sqlite' };
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'pdf' };
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  if (text.startsWith('<')) return { type: /<kml[\s>:]/i.test(text) ? 'kml' : 'xml' };
  if (text.startsWith('{') || text.startsWith('[')) return { type: 'json' };
  const utf16le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const utf16be = bytes[0] === 0xfe && bytes[1] === 0xff;
  // NUL bytes do not occur in text in UTF-8 or GBK (UTF-16 is read, and refused, as text).
  if (!utf16le && !utf16be && head.includes(0)) return { type: 'binary' };
  return { type: 'text' };
}

/** A GeoPackage without its application id still has its own tables. */
const holdsGpkgTables = (b: Uint8Array) =>
  Buffer.from(b.subarray(0, 1 << 20)).indexOf('gpkg_spatial_ref_sys') >= 0;

/** What a refusal of a file of the wrong type says to do, by what it is. */
export function whatToDo(type: FileType, kind: 'boundaries' | 'records'): string {
  switch (type) {
    case 'xls':
      return 'open it in Excel or WPS and save it as .xlsx (Excel workbook), or as CSV UTF-8';
    case 'encrypted':
      return 'open it in Excel, remove the password (File → Info → Protect Workbook), and save it again';
    case 'sqlite':
      return 'in QGIS, export the layer (Export → Save Features As…) as a GeoPackage, GeoJSON or zipped Shapefile';
    case 'zip':
      return 'zip the Shapefile (.shp, .shx, .dbf, .prj) itself, or send the KML, workbook or CSV unzipped';
    case 'docx':
    case 'ole2':
    case 'pdf':
    case 'binary':
    case 'xml':
      return kind === 'boundaries'
        ? 'send the boundaries as GeoJSON, a zipped Shapefile, KML/KMZ, a GeoPackage or a CSV with a WKT column'
        : 'send the records as CSV or an Excel workbook (.xlsx)';
    default:
      return kind === 'boundaries'
        ? 'boundaries are read from GeoJSON, a zipped Shapefile, KML/KMZ, a GeoPackage or a CSV with a WKT column'
        : 'records are read from CSV, an Excel workbook (.xlsx), or KML/KMZ or a GeoPackage of points';
  }
}

/** The problem code of a refusal by type. */
export const refusalCode = (type: FileType): ImportProblemCode =>
  type === 'encrypted' ? 'file_encrypted' : 'file_type';
