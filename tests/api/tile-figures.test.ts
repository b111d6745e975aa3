/**
 * The figures in the area tiles: every feature of a tile carries its area's figures exactly as
 * the figures engine gives them (GET /api/figures) and as SQL written here counts them, and a
 * write that changes a figure changes the next tile (no stale cache).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AREA_TILE_FIGURES,
  MAP_LEVELS,
  MAX_FIGURE_CODES,
  tileFigureField,
  type FiguresResponse,
} from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { startScratchApp, stopScratchApp, useTestApp } from '../support/test-app.ts';
import { tileOf, tileProperties } from '../support/tiles.ts';

type Level = (typeof MAP_LEVELS)[number];

/** The figures of the areas `codes` counted here from the tables, all time. */
async function sqlFigures(db: Db, codes: string[]) {
  const rows = await db.query<Record<string, number | string>>(
    `WITH l AS (
       SELECT t.code AS target, x.xiaoqu_code
       FROM unnest($1::text[]) AS t(code)
       JOIN xiaoqu_lineage x ON t.code IN (x.xiaoqu_code, x.shequ_code, x.pianqu_code)
     )
     SELECT t.code,
       (SELECT coalesce(sum(a.population), 0) FROM l JOIN area a ON a.code = l.xiaoqu_code
         WHERE l.target = t.code)::int AS population,
       (SELECT coalesce(sum(a.households), 0) FROM l JOIN area a ON a.code = l.xiaoqu_code
         WHERE l.target = t.code)::int AS households,
       (SELECT count(*) FROM l JOIN issue i ON i.xiaoqu_code = l.xiaoqu_code
         WHERE l.target = t.code AND i.resolved_at IS NULL)::int AS "issuesUnresolved",
       (SELECT count(*) FROM l JOIN site s ON s.xiaoqu_code = l.xiaoqu_code
         WHERE l.target = t.code)::int AS sites,
       (SELECT coalesce(sum(w.count), 0) FROM l JOIN worker_post w ON w.xiaoqu_code = l.xiaoqu_code
         WHERE l.target = t.code)::int AS workers
     FROM unnest($1::text[]) AS t(code)`,
    [codes],
  );
  return new Map(rows.map(({ code, ...f }) => [String(code), f]));
}

/** The figures of `codes` from the engine's own route, as tile properties. */
async function engineFigures(app: FastifyInstance, codes: string[]) {
  const out = new Map<string, Record<string, number>>();
  for (let i = 0; i < codes.length; i += MAX_FIGURE_CODES) {
    const chunk = codes.slice(i, i + MAX_FIGURE_CODES);
    const res = await app.inject(`/api/figures?codes=${chunk.join(',')}`);
    expect(res.statusCode).toBe(200);
    for (const a of (res.json() as FiguresResponse).areas) {
      const props: Record<string, number> = {};
      for (const key of AREA_TILE_FIGURES) {
        props[tileFigureField(key)] = key
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], a.figures) as number;
      }
      out.set(a.code, props);
    }
  }
  return out;
}

/** The figure properties of a tile's features, by area code. */
function tileFigures(body: Uint8Array, level: Level) {
  return new Map(
    tileProperties(body, level).map((p) => [
      String(p.code),
      Object.fromEntries(
        AREA_TILE_FIGURES.map(tileFigureField).map((f) => [f, p[f] as number]),
      ) as Record<string, number>,
    ]),
  );
}

/** The zoom-z tile holding the label point of the level's first area. */
async function tileUrl(db: Db, level: Level, z: number) {
  const [row] = await db.query<{ code: string; lon: number; lat: number }>(
    `SELECT code, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = $1 ORDER BY code LIMIT 1`,
    [level],
  );
  const { x, y } = tileOf(row!.lon, row!.lat, z);
  return { code: row!.code, url: `/tiles/${level}/${z}/${x}/${y}.mvt` };
}

describe('figures in the area tiles', () => {
  const t = useTestApp();

  it.each(MAP_LEVELS)(
    'gives every %s of a tile the figures engine’s figures, as SQL counts them',
    async (level) => {
      const { url } = await tileUrl(t.db(), level, 11);
      const res = await t.app().inject(url);
      expect(res.statusCode).toBe(200);
      const inTile = tileFigures(res.rawPayload, level);
      const codes = [...inTile.keys()];
      expect(codes.length).toBeGreaterThan(0);
      const engine = await engineFigures(t.app(), codes);
      const sql = await sqlFigures(t.db(), codes);
      for (const code of codes) {
        expect(inTile.get(code), code).toEqual(engine.get(code));
        expect(inTile.get(code), code).toEqual(sql.get(code));
      }
    },
  );

  it('types every figure property as a number in the tile', async () => {
    const { url } = await tileUrl(t.db(), 'shequ', 12);
    const props = tileProperties((await t.app().inject(url)).rawPayload, 'shequ');
    expect(props.length).toBeGreaterThan(0);
    for (const p of props) {
      for (const key of AREA_TILE_FIGURES) expect(typeof p[tileFigureField(key)]).toBe('number');
    }
  });
});

describe('figures in the area tiles after a write', () => {
  let app: FastifyInstance;
  let db: Db;
  beforeEach(async () => {
    ({ app, db } = await startScratchApp({ publicDemo: true }));
  });
  afterEach(() => stopScratchApp(app, db));

  /** A 小区, its 社区, and the figures the xiaoqu and shequ tiles give them now. */
  async function read(code?: string) {
    const x = await tileUrl(db, 'xiaoqu', 13);
    const xiaoqu = code ?? x.code;
    const [row] = await db.query<{ parent: string; lon: number; lat: number }>(
      `SELECT parent_code AS parent, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
       FROM area WHERE code = $1`,
      [xiaoqu],
    );
    const { x: tx, y: ty } = tileOf(row!.lon, row!.lat, 13);
    const xt = await app.inject(`/tiles/xiaoqu/13/${tx}/${ty}.mvt`);
    const st = await app.inject(`/tiles/shequ/13/${tx}/${ty}.mvt`);
    return {
      xiaoqu,
      shequ: row!.parent,
      lon: row!.lon,
      lat: row!.lat,
      x: tileFigures(xt.rawPayload, 'xiaoqu').get(xiaoqu)!,
      s: tileFigures(st.rawPayload, 'shequ').get(row!.parent)!,
    };
  }

  it('counts a new open issue in its 小区 and 社区 at the next tile', async () => {
    const before = await read();
    await db.query(
      `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
       VALUES ((SELECT max(id) + 1 FROM issue), 'parking', 'open', 'xiaoqu', now(), $1,
               ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
      [before.xiaoqu, before.lon, before.lat],
    );
    const after = await read(before.xiaoqu);
    expect(after.x.issuesUnresolved).toBe(before.x.issuesUnresolved! + 1);
    expect(after.s.issuesUnresolved).toBe(before.s.issuesUnresolved! + 1);
    expect(after.x).toEqual((await engineFigures(app, [before.xiaoqu])).get(before.xiaoqu));
  });

  it('stops counting an issue once it is marked resolved', async () => {
    const [open] = await db.query<{ id: number; xiaoqu_code: string }>(
      `SELECT id, xiaoqu_code FROM issue WHERE resolved_at IS NULL ORDER BY id LIMIT 1`,
    );
    const before = await read(open!.xiaoqu_code);
    await db.query(`UPDATE issue SET status = 'resolved', resolved_at = now() WHERE id = $1`, [
      open!.id,
    ]);
    const after = await read(open!.xiaoqu_code);
    expect(after.x.issuesUnresolved).toBe(before.x.issuesUnresolved! - 1);
    expect(after.s.issuesUnresolved).toBe(before.s.issuesUnresolved! - 1);
  });

  it('follows the workers posted and the 邻里之家 of a 小区', async () => {
    const before = await read();
    await db.query(`UPDATE worker_post SET count = count + 2 WHERE xiaoqu_code = $1`, [
      before.xiaoqu,
    ]);
    await db.query(`DELETE FROM site WHERE xiaoqu_code = $1`, [before.xiaoqu]);
    const after = await read(before.xiaoqu);
    const posts = await db.query(`SELECT 1 FROM worker_post WHERE xiaoqu_code = $1`, [
      before.xiaoqu,
    ]);
    expect(after.x.workers).toBe(before.x.workers! + 2 * posts.length);
    expect(after.x.sites).toBe(0);
    expect(after.x).toEqual((await sqlFigures(db, [before.xiaoqu])).get(before.xiaoqu));
  });
});
