/**
 * Where each 片区's name goes on the workbench map: at the label point of the member 社区
 * nearest the middle of its members, so the name always sits inside the 片区 (a centroid of a
 * bent 片区 may fall outside it). No geometry union.
 */

/** A label point per 片区, as GeoJSON for a MapLibre symbol layer. */
export function pianquLabels(
  assignment: Readonly<Record<string, string | null>>,
  labelPoints: ReadonlyMap<string, readonly [number, number]>,
  names: ReadonlyMap<string, string>,
): GeoJSON.FeatureCollection<GeoJSON.Point, { code: string; name: string }> {
  const members = new Map<string, [number, number][]>();
  for (const [unit, pianqu] of Object.entries(assignment)) {
    const p = labelPoints.get(unit);
    if (pianqu === null || !p) continue;
    const list = members.get(pianqu);
    if (list) list.push([p[0], p[1]]);
    else members.set(pianqu, [[p[0], p[1]]]);
  }
  const features: GeoJSON.Feature<GeoJSON.Point, { code: string; name: string }>[] = [];
  for (const [code, points] of members) {
    const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
    const my = points.reduce((s, p) => s + p[1], 0) / points.length;
    let best = points[0]!;
    let bestD = Infinity;
    for (const p of points) {
      const d = (p[0] - mx) ** 2 + (p[1] - my) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    features.push({
      type: 'Feature',
      properties: { code, name: names.get(code) ?? code },
      geometry: { type: 'Point', coordinates: best },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The [west, south, east, north] of some 社区 shapes. */
export function shapesBbox(
  shapes: readonly GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>[],
): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const f of shapes) {
    const polygons =
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [x, y] of polygon[0] ?? []) {
        if (x === undefined || y === undefined) continue;
        w = Math.min(w, x);
        s = Math.min(s, y);
        e = Math.max(e, x);
        n = Math.max(n, y);
      }
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
