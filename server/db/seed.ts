/**
 * Loads the demo data set (geodata/, read by demo-files.ts) into the database in one
 * transaction. Over 400 lines on purpose: `load` is one pass over the tables in the order
 * their foreign keys need (streets and areas, parents first, then what refers to them, then
 * the search index), and cutting it into files would scatter that order; each table's block
 * is a few lines.
 */
import pg from 'pg';
import type { Db, Queryable } from './db.ts';
import { sqlQueries } from './sql-files.ts';
import {
  addYears,
  agendaStatus,
  loadDay,
  moveIssue,
  moveMonth,
  moveProject,
  mover,
  recordSpan,
  type AgendaStatus,
  type IssueStatus,
  type Mover,
} from './demo-calendar.ts';
import { zoneWallTime } from '../contract/zone-time.ts';
import { parseDuty } from '../features/staff/duty.ts';
import { rebuildSearchIndex } from '../features/search/search-index.ts';
import { lockForTransaction } from './locks.ts';
import {
  GEODATA_DIR,
  geodataVersion,
  readCsv,
  readDatasetFile,
  readFeatures,
  type Feature,
} from './demo-files.ts';

export {
  GEODATA_DIR,
  demoLoadDay,
  geodataVersion,
  readDatasetFile,
  type DatasetFile,
} from './demo-files.ts';

const SQL = sqlQueries(new URL('./seed.sql', import.meta.url), [
  'sumUpperLevels',
  'currentDataset',
  'startDemo',
  'touchDataset',
]);

const str = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
const int = (v: unknown) => (v === undefined || v === null || v === '' ? null : Number(v));
const geom = (f: Feature) => JSON.stringify(f.geometry);

/**
 * Inserts rows column-wise through `unnest`: one statement per table whatever its size, with
 * every value a parameter. `casts` gives each column's SQL array type.
 */
async function insertColumns(
  q: Queryable,
  table: string,
  columns: Record<string, { cast: string; values: unknown[]; expr?: string }>,
): Promise<void> {
  const names = Object.keys(columns);
  const specs = Object.values(columns);
  if (specs[0]!.values.length === 0) return;
  const unnest = specs.map((c, i) => `$${i + 1}::${c.cast}`).join(', ');
  const cols = names.map((n, i) => `c${i}`);
  const select = specs.map((c, i) => (c.expr ?? '$').replaceAll('$', `u.c${i}`)).join(', ');
  const into = [table, ...names].map((n) => pg.escapeIdentifier(n));
  await q.query(
    // eslint-disable-next-line no-restricted-syntax -- one insert for every demo table: its table and columns are the caller's
    `INSERT INTO ${into[0]} (${into.slice(1).join(', ')})
     SELECT ${select} FROM unnest(${unnest}) AS u(${cols.join(', ')})`,
    specs.map((c) => c.values),
  );
}

const GEOM = 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($), 4326))';
const POINT = 'ST_SetSRID(ST_GeomFromGeoJSON($), 4326)';

/**
 * Households and population of the upper levels are the sums of their 小区 (after a seed or a
 * boundary import). An area whose 小区 carry no figures keeps its own.
 */
export async function sumUpperLevels(q: Queryable): Promise<void> {
  await q.query(SQL.sumUpperLevels);
}

/** Local wall-clock time of a CSV timestamp written with its offset (`…T10:05:00+08:00`). */
const wallClock = (t: string): string => t.slice(0, 19);
/** A local wall-clock time read on the data set's clock (its row is written first). */
const LOCAL_TIME = '($::timestamp AT TIME ZONE zone_tz())';

/** Loads every table from geodata/ into an open transaction, its record ending on `today`. */
async function load(
  q: Queryable,
  dir: string,
  today: string,
  now: string | undefined,
): Promise<void> {
  const streets = await readCsv(dir, 'streets.csv');
  await insertColumns(q, 'street', {
    code: { cast: 'text[]', values: streets.map((r) => r.code) },
    name: { cast: 'text[]', values: streets.map((r) => r.name) },
  });
  const levels: [string, string][] = [
    ['chengqu', 'zone.geojson'],
    ['pianqu', 'pianqu.geojson'],
    ['shequ', 'shequ.geojson'],
    ['xiaoqu', 'xiaoqu.geojson'],
  ];
  // Parents first, so every foreign key is satisfied as rows arrive.
  for (const [level, file] of levels) {
    const fs = await readFeatures(dir, file);
    const p = (k: string) => fs.map((f) => f.properties[k]);
    await insertColumns(q, 'area', {
      code: { cast: 'text[]', values: p('code').map(str) },
      level: { cast: 'text[]', values: fs.map(() => level) },
      parent_code: { cast: 'text[]', values: p('parent_code').map(str) },
      name: { cast: 'text[]', values: p('name').map(str) },
      street: { cast: 'text[]', values: p('street').map(str) },
      compound_type: { cast: 'text[]', values: p('compound_type').map(str) },
      households: { cast: 'int[]', values: p('households').map(int) },
      population: { cast: 'int[]', values: p('population').map(int) },
      built_year: { cast: 'int[]', values: p('built_year').map(int) },
      has_party_branch: { cast: 'bool[]', values: fs.map(() => level === 'xiaoqu') },
      geom: { cast: 'text[]', values: fs.map(geom), expr: GEOM },
      label_point: { cast: 'text[]', values: fs.map(geom), expr: `ST_PointOnSurface(${GEOM})` },
    });
  }
  await sumUpperLevels(q);

  const sites = await readFeatures(dir, 'sites.geojson');
  const sp = (k: string) => sites.map((f) => f.properties[k]);
  await insertColumns(q, 'site', {
    code: { cast: 'text[]', values: sp('code').map(str) },
    name: { cast: 'text[]', values: sp('name').map(str) },
    xiaoqu_code: { cast: 'text[]', values: sp('xiaoqu_code').map(str) },
    room_kind: { cast: 'text[]', values: sp('room_kind').map(str) },
    // Arrays cannot nest in unnest; carry the list as JSON text.
    services: {
      cast: 'text[]',
      values: sp('services').map((s) => JSON.stringify(s)),
      expr: 'ARRAY(SELECT json_array_elements_text($::json))',
    },
    opening_hours: { cast: 'text[]', values: sp('opening_hours').map(str) },
    floor_area_m2: { cast: 'int[]', values: sp('floor_area_m2').map(int) },
    geom: { cast: 'text[]', values: sites.map(geom), expr: POINT },
  });

  const workers = await readCsv(dir, 'workers.csv');
  await insertColumns(q, 'worker_post', {
    xiaoqu_code: { cast: 'text[]', values: workers.map((r) => r.xiaoqu_code) },
    role: { cast: 'text[]', values: workers.map((r) => r.role) },
    count: { cast: 'int[]', values: workers.map((r) => int(r.count)) },
  });

  const staff = await readCsv(dir, 'staff.csv');
  const duty = staff.map((r) => parseDuty(r.duty_schedule!));
  await insertColumns(q, 'staff', {
    code: { cast: 'text[]', values: staff.map((r) => r.code) },
    department: { cast: 'text[]', values: staff.map((r) => r.department) },
    xiaoqu_code: { cast: 'text[]', values: staff.map((r) => r.xiaoqu_code) },
    duty_schedule: { cast: 'text[]', values: staff.map((r) => r.duty_schedule) },
    // Arrays cannot nest in unnest; carry the weekdays as JSON text.
    duty_days: {
      cast: 'text[]',
      values: duty.map((d) => JSON.stringify(d.days)),
      expr: 'ARRAY(SELECT json_array_elements_text($::json)::smallint)',
    },
    duty_start: { cast: 'int[]', values: duty.map((d) => d.start) },
    duty_end: { cast: 'int[]', values: duty.map((d) => d.end) },
    peak_only: { cast: 'bool[]', values: duty.map((d) => d.peakOnly) },
  });

  // The record's months: one credit row per 小区 and month, so the credits name them all.
  const credits = await readCsv(dir, 'credits.csv');
  const recordMonths = credits.map((r) => r.month!).sort();
  const m: Mover = mover(
    today,
    recordSpan(`${recordMonths[0]}-01`, `${recordMonths[recordMonths.length - 1]}-01`),
    now,
  );

  const tags = await readCsv(dir, 'issue-tags.csv');
  const legacy = new Set(tags.filter((t) => t.tag === 'legacy').map((t) => Number(t.issue_id)));
  const issues = (await readCsv(dir, 'issues.csv')).map((r) => ({
    r,
    ...moveIssue(
      m,
      {
        id: Number(r.id),
        status: r.status as IssueStatus,
        handlingLevel: r.handling_level!,
        reportedAt: wallClock(r.reported_at!),
        resolvedAt: r.resolved_at ? wallClock(r.resolved_at) : null,
      },
      legacy.has(Number(r.id)),
    ),
  }));
  await insertColumns(q, 'issue', {
    id: { cast: 'int[]', values: issues.map((i) => i.id) },
    category: { cast: 'text[]', values: issues.map((i) => i.r.category) },
    status: { cast: 'text[]', values: issues.map((i) => i.status) },
    handling_level: { cast: 'text[]', values: issues.map((i) => i.r.handling_level) },
    reported_at: { cast: 'text[]', values: issues.map((i) => i.reportedAt), expr: LOCAL_TIME },
    resolved_at: { cast: 'text[]', values: issues.map((i) => i.resolvedAt), expr: LOCAL_TIME },
    xiaoqu_code: { cast: 'text[]', values: issues.map((i) => i.r.xiaoqu_code) },
    geom: {
      cast: 'text[]',
      values: issues.map(({ r }) => `${r.lon} ${r.lat}`),
      expr: "ST_SetSRID(ST_GeomFromText('POINT(' || $ || ')'), 4326)",
    },
  });

  const activities = await readCsv(dir, 'activities.csv');
  await insertColumns(q, 'activity', {
    code: { cast: 'text[]', values: activities.map((r) => r.code) },
    scope: { cast: 'text[]', values: activities.map((r) => r.scope) },
    area_code: { cast: 'text[]', values: activities.map((r) => r.area_code) },
    kind: { cast: 'text[]', values: activities.map((r) => r.kind) },
    title: { cast: 'text[]', values: activities.map((r) => r.title) },
    held_on: { cast: 'date[]', values: activities.map((r) => m.move(r.held_on!)) },
    attendance: { cast: 'int[]', values: activities.map((r) => int(r.attendance)) },
  });

  const projects = (await readCsv(dir, 'projects.csv')).map((r) => ({
    r,
    ...moveProject(m, {
      status: r.status as 'in_progress' | 'completed',
      claimedOn: r.claimed_on!,
      completedOn: str(r.completed_on),
    }),
  }));
  await insertColumns(q, 'project', {
    code: { cast: 'text[]', values: projects.map((p) => p.r.code) },
    title: { cast: 'text[]', values: projects.map((p) => p.r.title) },
    area_code: { cast: 'text[]', values: projects.map((p) => p.r.area_code) },
    claimed_level: { cast: 'text[]', values: projects.map((p) => p.r.claimed_level) },
    status: { cast: 'text[]', values: projects.map((p) => p.status) },
    claimed_on: { cast: 'date[]', values: projects.map((p) => p.claimedOn) },
    completed_on: { cast: 'date[]', values: projects.map((p) => p.completedOn) },
  });

  await insertColumns(q, 'credit_monthly', {
    xiaoqu_code: { cast: 'text[]', values: credits.map((r) => r.xiaoqu_code) },
    month: { cast: 'date[]', values: credits.map((r) => `${moveMonth(m, r.month!)}-01`) },
    points: { cast: 'int[]', values: credits.map((r) => int(r.points)) },
    participants: { cast: 'int[]', values: credits.map((r) => int(r.participants)) },
  });

  // What the area profiles count (migration 005): the 片区's duties, meetings, shared
  // resources, 通兑, party branches and 一小区一策 policies.
  await insertColumns(q, 'issue_tag', {
    issue_id: { cast: 'int[]', values: tags.map((r) => int(r.issue_id)) },
    tag: { cast: 'text[]', values: tags.map((r) => r.tag) },
    counterpart_shequ_code: {
      cast: 'text[]',
      values: tags.map((r) => str(r.counterpart_shequ_code)),
    },
  });
  // A meeting moves with its month; one that would be held after today has not been yet, and
  // its agenda goes with it.
  const meetingKey = (r: Record<string, string>) => `${r.pianqu_code} ${r.month}`;
  const meetings: Record<string, string>[] = [];
  for (const r of await readCsv(dir, 'meetings.csv')) {
    // The day moves with the month, not by its own shift: a meeting stays in its month.
    const years = m.years(`${r.month}-01`);
    const moved = { ...r, month: moveMonth(m, r.month!), held_on: addYears(r.held_on!, years) };
    if (moved.held_on <= today) meetings.push(moved);
  }
  const held = new Set(meetings.map(meetingKey));
  const latest = new Map<string, string>();
  for (const r of meetings) {
    if (r.month! > (latest.get(r.pianqu_code!) ?? '')) latest.set(r.pianqu_code!, r.month!);
  }
  await insertColumns(q, 'pianqu_meeting', {
    pianqu_code: { cast: 'text[]', values: meetings.map((r) => r.pianqu_code) },
    month: { cast: 'date[]', values: meetings.map((r) => `${r.month}-01`) },
    held_on: { cast: 'date[]', values: meetings.map((r) => r.held_on) },
    chair_shequ_code: { cast: 'text[]', values: meetings.map((r) => r.chair_shequ_code) },
  });
  const agenda: Record<string, string>[] = [];
  for (const r of await readCsv(dir, 'agenda.csv')) {
    const month = moveMonth(m, r.month!);
    if (!held.has(`${r.pianqu_code} ${month}`)) continue;
    const last = latest.get(r.pianqu_code!) === month;
    agenda.push({ ...r, month, status: agendaStatus(r.code!, r.status as AgendaStatus, last) });
  }
  const ac = (k: string) => agenda.map((r) => r[k]);
  await insertColumns(q, 'agenda_item', {
    code: { cast: 'text[]', values: ac('code') },
    pianqu_code: { cast: 'text[]', values: ac('pianqu_code') },
    month: { cast: 'date[]', values: agenda.map((r) => `${r.month}-01`) },
    title: { cast: 'text[]', values: ac('title') },
    owner_kind: { cast: 'text[]', values: ac('owner_kind') },
    owner_code: { cast: 'text[]', values: ac('owner_code') },
    owner_name: { cast: 'text[]', values: ac('owner_name') },
    status: { cast: 'text[]', values: ac('status') },
  });
  const resources = await readCsv(dir, 'shared-resources.csv');
  const rc = (k: string) => resources.map((r) => r[k]);
  await insertColumns(q, 'shared_resource', {
    code: { cast: 'text[]', values: rc('code') },
    pianqu_code: { cast: 'text[]', values: rc('pianqu_code') },
    kind: { cast: 'text[]', values: rc('kind') },
    name: { cast: 'text[]', values: rc('name') },
    host_shequ_code: { cast: 'text[]', values: rc('host_shequ_code') },
  });
  const uses = await readCsv(dir, 'resource-uses.csv');
  await insertColumns(q, 'resource_use', {
    resource_code: { cast: 'text[]', values: uses.map((r) => r.resource_code) },
    shequ_code: { cast: 'text[]', values: uses.map((r) => r.shequ_code) },
    used_on: { cast: 'date[]', values: uses.map((r) => m.move(r.used_on!)) },
    attendance: { cast: 'int[]', values: uses.map((r) => int(r.attendance)) },
    activity_code: { cast: 'text[]', values: uses.map((r) => str(r.activity_code)) },
  });
  const exchanges = await readCsv(dir, 'credit-exchanges.csv');
  await insertColumns(q, 'credit_exchange', {
    xiaoqu_code: { cast: 'text[]', values: exchanges.map((r) => r.xiaoqu_code) },
    month: { cast: 'date[]', values: exchanges.map((r) => `${moveMonth(m, r.month!)}-01`) },
    redeemed_shequ_code: { cast: 'text[]', values: exchanges.map((r) => r.redeemed_shequ_code) },
    points: { cast: 'int[]', values: exchanges.map((r) => int(r.points)) },
  });
  const branches = await readCsv(dir, 'party-branches.csv');
  await insertColumns(q, 'party_branch', {
    xiaoqu_code: { cast: 'text[]', values: branches.map((r) => r.xiaoqu_code) },
    name: { cast: 'text[]', values: branches.map((r) => r.name) },
    members: { cast: 'int[]', values: branches.map((r) => int(r.members)) },
    established_on: { cast: 'date[]', values: branches.map((r) => str(r.established_on)) },
  });
  const policies = await readCsv(dir, 'policies.csv');
  await insertColumns(q, 'compound_policy', {
    compound_type: { cast: 'text[]', values: policies.map((r) => r.compound_type) },
    title: { cast: 'text[]', values: policies.map((r) => r.title) },
    summary: { cast: 'text[]', values: policies.map((r) => r.summary) },
    // Arrays cannot nest in unnest; the CSV separates measures with '|'.
    measures: {
      cast: 'text[]',
      values: policies.map((r) => r.measures),
      expr: "string_to_array($, '|')",
    },
  });

  const cells = await readFeatures(dir, 'tourism-cells.geojson');
  await insertColumns(q, 'tourism_cell', {
    cell_id: { cast: 'text[]', values: cells.map((f) => str(f.properties.cell_id)) },
    geom: { cast: 'text[]', values: cells.map(geom), expr: POINT },
  });
  const pressure = await readCsv(dir, 'tourism-pressure.csv');
  await insertColumns(q, 'tourism_pressure', {
    cell_id: { cast: 'text[]', values: pressure.map((r) => r.cell_id) },
    month: { cast: 'int[]', values: pressure.map((r) => int(r.month)) },
    hour: { cast: 'int[]', values: pressure.map((r) => int(r.hour)) },
    visitors: { cast: 'int[]', values: pressure.map((r) => int(r.visitors)) },
  });

  const basemap = await readFeatures(dir, 'basemap.geojson');
  const bp = (k: string) => basemap.map((f) => str(f.properties[k]));
  await insertColumns(q, 'basemap_feature', {
    layer: { cast: 'text[]', values: bp('layer') },
    name: { cast: 'text[]', values: bp('name') },
    class: { cast: 'text[]', values: bp('class') },
    geom: { cast: 'text[]', values: basemap.map(geom), expr: POINT },
  });

  // Pinyin of every name, for search: computed here, matched in SQL.
  await rebuildSearchIndex(q);
}

/** Tables the demo data set fills, children before parents (the order to empty them in). */
const DATA_TABLES = [
  'search_key',
  'credit_exchange',
  'resource_use',
  'shared_resource',
  'agenda_item',
  'pianqu_meeting',
  'issue_tag',
  'compound_policy',
  'party_branch',
  'issue_reporter',
  'basemap_feature',
  'tourism_pressure',
  'tourism_cell',
  'credit_monthly',
  'project',
  'activity',
  'issue',
  'staff',
  'worker_post',
  'site',
  'area_shape',
  'area',
  'street',
];

/** Options of a demo load. */
export interface SeedOptions {
  /** The load day D (YYYY-MM-DD) the record ends on; default demoLoadDay (DEMO_TODAY or today). */
  today?: string;
}

/**
 * Loads the demo data set when the database holds none, or another version of it: other
 * files, or the same files run up to another day (a demo loaded yesterday is reloaded today,
 * so its record ends today). A database holding imported data (source other than 'demo') is
 * never touched. The whole load is one transaction: a failure leaves the previous data in
 * place. Returns the version now loaded and whether this call loaded it.
 */
export async function seedDemo(
  db: Db,
  dir = GEODATA_DIR,
  options: SeedOptions = {},
): Promise<{ version: string; loaded: boolean; source: string }> {
  const described = await readDatasetFile(dir);
  const pinned = options.today ?? process.env.DEMO_TODAY;
  const today = loadDay(described.timeZone, pinned);
  // Loaded for real, the record stops at this minute; pinned, at the end of its day.
  const now = pinned ? undefined : zoneWallTime(described.timeZone).slice(0, 19);
  const version = await geodataVersion(dir, today);
  return db.transaction(async (tx) => {
    await lockForTransaction(tx, db.backend, 'seed');
    const [current] = await tx.query<{ source: string; version: string }>(SQL.currentDataset);
    if (current && (current.source !== 'demo' || current.version === version)) {
      return { version: current.version, loaded: false, source: current.source };
    }
    await tx.exec(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY`);
    // The clock first: the rollup's triggers read the local months through it.
    await tx.query(SQL.startDemo, [version, described.name, described.timeZone]);
    await load(tx, dir, today, now);
    // Written last as well: the data.reloaded event (migration 006) comes from this write.
    await tx.query(SQL.touchDataset);
    return { version, loaded: true, source: 'demo' };
  });
}
