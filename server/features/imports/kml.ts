/**
 * KML (Google Earth, 奥维互动地图) and KMZ (a zip holding it): each Placemark a feature, its
 * name, description and ExtendedData its fields, mapped like any file's columns. Coordinates
 * are whatever the sender's map used (奥维 exports GCJ-02): declared like any other file's.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Geometry } from 'geojson';
import type { TextEncoding } from '../../contract/index.ts';
import type { RawFeature } from './boundary-files.ts';
import { cut, type ParseLimits } from './limits.ts';
import { abort, decodeOrAbort, refuse } from './refusals.ts';
import type { Report } from './report.ts';
import { ZipRefused, unpack, type ZipEntry } from './zip.ts';

/** Properties togeojson adds from a Placemark's style and time, not data the sender typed. */
const STYLE_KEYS = new Set([
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-opacity',
  'icon-scale',
  'icon-color',
  'icon-heading',
  'icon-offset',
  'icon-offset-units',
  'label-scale',
  'label-color',
  'label-opacity',
  'visibility',
  'timespan',
  'timestamp',
  '@geometry-type',
]);

export interface KmlFile {
  columns: string[];
  features: RawFeature[];
  encoding: string;
}

/** The KML document of a KMZ: `doc.kml` by convention, else the first .kml in it. */
export function kmlOfKmz(
  bytes: Uint8Array,
  entries: ZipEntry[],
  limits: ParseLimits,
  report: Report,
): Uint8Array {
  const kmls = entries.filter((e) => /\.kml$/i.test(e.name));
  const doc = kmls.find((e) => /(^|\/)doc\.kml$/i.test(e.name)) ?? kmls[0]!;
  try {
    return unpack(bytes, doc, limits, limits.maxUnzippedBytes);
  } catch (e) {
    if (e instanceof ZipRefused) return refuse(report, e);
    throw e;
  }
}

export function readKml(
  bytes: Uint8Array,
  encoding: TextEncoding | 'gbk' | undefined,
  limits: ParseLimits,
  report: Report,
  vertexCount: (g: unknown) => number,
): KmlFile {
  const { text, encoding: used } = decodeOrAbort(bytes, encoding, report);
  // KML needs no document type: one with entities could ask the parser for a billion of them.
  if (/<!DOCTYPE|<!ENTITY/i.test(text.slice(0, 1 << 16)))
    abort(report, 'file_unreadable', 'the KML declares a document type (<!DOCTYPE>): refused');
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length || !doc.documentElement)
    abort(
      report,
      /unclosed|end of|EOF/i.test(errors[0] ?? '') ? 'file_truncated' : 'file_unreadable',
      `the KML is not well-formed XML: ${cut(errors[0] ?? 'no document', 200)}`,
    );
  const collection = kml(doc as unknown as Document);
  if (collection.features.length === 0) abort(report, 'file_empty', 'the KML holds no Placemark');
  const columns = new Set<string>();
  const features = collection.features.map((f, i): RawFeature => {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (STYLE_KEYS.has(k) || (v !== null && typeof v === 'object')) continue;
      properties[k] = v;
      columns.add(k);
    }
    const vertices = vertexCount(f.geometry);
    if (vertices > limits.maxVertices)
      abort(
        report,
        'feature_too_large',
        `Placemark ${i + 1} has ${vertices} vertices, more than the ${limits.maxVertices} a feature may have (IMPORT_MAX_VERTICES)`,
        i + 1,
        { vertices, limit: limits.maxVertices },
      );
    return { row: i + 1, properties, geometry: flat(f.geometry as Geometry | null) };
  });
  return { columns: [...columns], features, encoding: used };
}

/**
 * KML coordinates carry an altitude (lon,lat,0): dropped, as a boundary is flat. A
 * MultiGeometry of polygons becomes a MultiPolygon.
 */
function flat(g: Geometry | null): Geometry | null {
  if (!g) return null;
  const drop = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number' ? c.slice(0, 2) : (c as unknown[]).map(drop);
  if (g.type === 'GeometryCollection') {
    const parts = g.geometries.map(flat);
    if (parts.length && parts.every((p) => p?.type === 'Polygon' || p?.type === 'MultiPolygon'))
      return {
        type: 'MultiPolygon',
        coordinates: parts.flatMap((p) =>
          p!.type === 'Polygon'
            ? [p!.coordinates]
            : (p as unknown as { coordinates: never[] }).coordinates,
        ),
      };
    return parts.find((p) => p !== null) ?? null;
  }
  return { ...g, coordinates: drop(g.coordinates) } as Geometry;
}
