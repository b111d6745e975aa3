/**
 * Generates the illustrative demo data set in geodata/ (format: geodata/README.md).
 *
 *   npx tsx scripts/generate-demo.ts      (npm run generate)
 *
 * Its only input is geodata/reference.geojson (zone outline and landmarks). Topology is done
 * in embedded PostGIS (PGlite) in UTM metres; everything random comes from one seeded PRNG,
 * so every run writes the same bytes. The written files are read back and checked (tiling,
 * containment, the article's counts) before the summary is printed; any failure throws.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildActivities } from './generate-demo/activities.ts';
import { buildBasemap } from './generate-demo/basemap.ts';
import { NOW_MINUTE, isoDate, isoDateTime } from './generate-demo/calendar.ts';
import { buildCompounds, compoundInteriors } from './generate-demo/compounds.ts';
import { buildCredits } from './generate-demo/credits.ts';
import { buildDemoAreas } from './generate-demo/areas.ts';
import { buildGovernance, verifyGovernance } from './generate-demo/governance.ts';
import { buildIssues } from './generate-demo/issues.ts';
import { NameBook } from './generate-demo/names.ts';
import { feature, round6, writeCsv, writeGeoJson, writeJson } from './generate-demo/output.ts';
import { buildSites, buildStaff, buildWorkers } from './generate-demo/people.ts';
import { openDb } from './generate-demo/postgis.ts';
import { roundAreas } from './generate-demo/precision.ts';
import { Rng } from './generate-demo/prng.ts';
import { buildProjects } from './generate-demo/projects.ts';
import { loadReference } from './generate-demo/reference.ts';
import { STREETS, STREET_NAMES } from './generate-demo/streets.ts';
import { buildTourism } from './generate-demo/tourism.ts';
import { verify } from './generate-demo/verify.ts';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'geodata');
/** Change it and every file changes; keep it and every run gives the same bytes. */
const SEED = 20231201;
const ZONE = { code: '371071', name: '威海高新区' };
/** What the data set says of itself: the seed names it and sets the zone's clock from it. */
const DATASET = { name: '威海高新区（示意数据）', timeZone: 'Asia/Shanghai' };

async function main(): Promise<void> {
  const ref = loadReference(join(GEODATA, 'reference.geojson'));
  const rng = new Rng(SEED);
  const names = new NameBook(rng.fork('names'));
  const db = await openDb();
  try {
    // The random stream keeps its first name: another name would draw another demo.
    const demoAreas = await buildDemoAreas(db, ref, rng.fork('districts'), names);
    const xiaoqu = await buildCompounds(db, ref, demoAreas, rng.fork('compounds'), names);
    const areas = await roundAreas(db);
    const interiors = await compoundInteriors(db);

    const sites = buildSites(rng.fork('sites'), xiaoqu, interiors);
    const workers = buildWorkers(rng.fork('workers'), xiaoqu);
    const staff = buildStaff(rng.fork('staff'), xiaoqu);
    const issues = buildIssues(rng.fork('issues'), xiaoqu, demoAreas, interiors);
    const activities = buildActivities(rng.fork('activities'), xiaoqu, demoAreas);
    const projects = buildProjects(rng.fork('projects'), xiaoqu, demoAreas);
    const credits = buildCredits(rng.fork('credits'), xiaoqu);
    const tourism = await buildTourism(db, ref, rng.fork('tourism'));
    const basemap = await buildBasemap(db, ref);
    // Its own stream, drawn last: the files above keep their bytes whatever it draws.
    const governance = buildGovernance(
      rng.fork('governance'),
      xiaoqu,
      demoAreas,
      issues,
      activities,
      credits,
    );

    // A write per file: the calls look alike, but each file's columns and rows are its own
    // (the shared logic is writeCsv and writeGeoJson).
    const out = (file: string): string => join(GEODATA, file);
    const sizes: Record<string, number> = {};
    sizes['dataset.json'] = writeJson(out('dataset.json'), DATASET);
    // The zone's 镇街, loaded as rows before the areas that name them.
    sizes['streets.csv'] = writeCsv(
      out('streets.csv'),
      ['code', 'name'],
      STREETS.map((code) => [code, STREET_NAMES[code]]),
    );
    sizes['zone.geojson'] = writeGeoJson(out('zone.geojson'), [feature(ZONE, areas.zone)]);
    sizes['pianqu.geojson'] = writeGeoJson(
      out('pianqu.geojson'),
      demoAreas.pianqu.map((p) =>
        feature(
          { code: p.code, name: p.name, parent_code: ZONE.code, street: p.street },
          areas.pianqu.get(p.code)!,
        ),
      ),
    );
    sizes['shequ.geojson'] = writeGeoJson(
      out('shequ.geojson'),
      demoAreas.shequ.map((s) =>
        feature(
          { code: s.code, name: s.name, parent_code: s.pianquCode, street: s.street },
          areas.shequ.get(s.code)!,
        ),
      ),
    );
    sizes['xiaoqu.geojson'] = writeGeoJson(
      out('xiaoqu.geojson'),
      xiaoqu.map((x) =>
        feature(
          {
            code: x.code,
            name: x.name,
            parent_code: x.shequCode,
            street: x.street,
            compound_type: x.type,
            households: x.households,
            population: x.population,
            built_year: x.builtYear,
          },
          areas.xiaoqu.get(x.code)!,
        ),
      ),
    );
    sizes['sites.geojson'] = writeGeoJson(
      out('sites.geojson'),
      sites.map((s) =>
        feature(
          {
            code: s.code,
            name: s.name,
            xiaoqu_code: s.xiaoquCode,
            room_kind: s.roomKind,
            services: s.services,
            opening_hours: s.openingHours,
            floor_area_m2: s.floorAreaM2,
          },
          { type: 'Point', coordinates: s.lonlat },
        ),
      ),
    );
    sizes['basemap.geojson'] = writeGeoJson(out('basemap.geojson'), basemap);
    sizes['tourism-cells.geojson'] = writeGeoJson(
      out('tourism-cells.geojson'),
      tourism.cells.map((c) => feature({ cell_id: c.cellId }, c.geometry)),
    );
    sizes['workers.csv'] = writeCsv(
      out('workers.csv'),
      ['xiaoqu_code', 'role', 'count'],
      workers.map((w) => [w.xiaoquCode, w.role, w.count]),
    );
    sizes['staff.csv'] = writeCsv(
      out('staff.csv'),
      ['code', 'department', 'xiaoqu_code', 'duty_schedule'],
      staff.map((s) => [s.code, s.department, s.xiaoquCode, s.dutySchedule]),
    );
    sizes['issues.csv'] = writeCsv(
      out('issues.csv'),
      [
        'id',
        'category',
        'status',
        'handling_level',
        'reported_at',
        'resolved_at',
        'xiaoqu_code',
        'lon',
        'lat',
      ],
      issues.map((i) => [
        i.id,
        i.category,
        i.status,
        i.handlingLevel,
        isoDateTime(i.reportedMinute),
        i.resolvedMinute === null ? '' : isoDateTime(i.resolvedMinute),
        i.xiaoquCode,
        round6(i.lonlat[0]),
        round6(i.lonlat[1]),
      ]),
    );
    sizes['activities.csv'] = writeCsv(
      out('activities.csv'),
      ['code', 'scope', 'area_code', 'kind', 'title', 'held_on', 'attendance'],
      activities.map((a) => [
        a.code,
        a.scope,
        a.areaCode,
        a.kind,
        a.title,
        isoDate(a.day),
        a.attendance,
      ]),
    );
    sizes['projects.csv'] = writeCsv(
      out('projects.csv'),
      ['code', 'title', 'area_code', 'claimed_level', 'status', 'claimed_on', 'completed_on'],
      projects.map((p) => [
        p.code,
        p.title,
        p.areaCode,
        p.claimedLevel,
        p.status,
        isoDate(p.claimedDay),
        p.completedDay === null ? '' : isoDate(p.completedDay),
      ]),
    );
    sizes['credits.csv'] = writeCsv(
      out('credits.csv'),
      ['xiaoqu_code', 'month', 'points', 'participants'],
      credits.map((c) => [c.xiaoquCode, c.month, c.points, c.participants]),
    );
    sizes['tourism-pressure.csv'] = writeCsv(
      out('tourism-pressure.csv'),
      ['cell_id', 'month', 'hour', 'visitors'],
      tourism.rows.map((r) => [r.cellId, r.month, r.hour, r.visitors]),
    );

    sizes['issue-tags.csv'] = writeCsv(
      out('issue-tags.csv'),
      ['issue_id', 'tag', 'counterpart_shequ_code'],
      governance.issueTags.map((t) => [t.issueId, t.tag, t.counterpartShequ]),
    );
    sizes['meetings.csv'] = writeCsv(
      out('meetings.csv'),
      ['pianqu_code', 'month', 'held_on', 'chair_shequ_code'],
      governance.meetings.map((m) => [m.pianquCode, m.month, m.heldOn, m.chairShequ]),
    );
    sizes['agenda.csv'] = writeCsv(
      out('agenda.csv'),
      ['code', 'pianqu_code', 'month', 'title', 'owner_kind', 'owner_code', 'owner_name', 'status'],
      governance.agenda.map((a) => [
        a.code,
        a.pianquCode,
        a.month,
        a.title,
        a.ownerKind,
        a.ownerCode,
        a.ownerName,
        a.status,
      ]),
    );
    sizes['shared-resources.csv'] = writeCsv(
      out('shared-resources.csv'),
      ['code', 'pianqu_code', 'kind', 'name', 'host_shequ_code'],
      governance.resources.map((r) => [r.code, r.pianquCode, r.kind, r.name, r.hostShequ]),
    );
    sizes['resource-uses.csv'] = writeCsv(
      out('resource-uses.csv'),
      ['resource_code', 'shequ_code', 'used_on', 'attendance', 'activity_code'],
      governance.resourceUses.map((u) => [
        u.resourceCode,
        u.shequCode,
        u.usedOn,
        u.attendance,
        u.activityCode,
      ]),
    );
    sizes['credit-exchanges.csv'] = writeCsv(
      out('credit-exchanges.csv'),
      ['xiaoqu_code', 'month', 'redeemed_shequ_code', 'points'],
      governance.creditExchanges.map((c) => [c.xiaoquCode, c.month, c.redeemedShequ, c.points]),
    );
    sizes['party-branches.csv'] = writeCsv(
      out('party-branches.csv'),
      ['xiaoqu_code', 'name', 'members', 'established_on'],
      governance.branches.map((b) => [b.xiaoquCode, b.name, b.members, b.establishedOn]),
    );
    sizes['policies.csv'] = writeCsv(
      out('policies.csv'),
      ['compound_type', 'title', 'summary', 'measures'],
      governance.policies.map((p) => [p.compoundType, p.title, p.summary, p.measures.join('|')]),
    );

    const v = await verify(db, GEODATA, ref);
    const governanceChecks = verifyGovernance(governance, xiaoqu, demoAreas, issues);

    const types: Record<string, number> = {};
    for (const x of xiaoqu) types[x.type] = (types[x.type] ?? 0) + 1;
    const streets: Record<string, number> = {};
    for (const s of demoAreas.shequ) streets[s.street] = (streets[s.street] ?? 0) + 1;
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
    const lines = [
      `demo data set written to ${GEODATA} (seed ${SEED}, now = ${isoDateTime(NOW_MINUTE)})`,
      ...Object.entries(sizes).map(([f, n]) => `  ${f.padEnd(22)} ${kb(n).padStart(8)}`),
      `  ${'total'.padEnd(22)} ${kb(total).padStart(8)}`,
      `areas: 1 zone, ${demoAreas.pianqu.length} 片区, ${demoAreas.shequ.length} 社区 ` +
        `(${Object.entries(streets)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}), ` +
        `${xiaoqu.length} 小区 (${Object.entries(types)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')})`,
      `  households ${xiaoqu.reduce((s, x) => s + x.households, 0)}, ` +
        `population ${xiaoqu.reduce((s, x) => s + x.population, 0)}, ` +
        `社区 cells that lost detached pieces: ${demoAreas.slivers}, multi-part 社区 left: ${v.multipartShequ}`,
      `records: ${sites.length} 邻里之家, ${v.counts.workers} workers, ${v.counts.staff} staff, ` +
        `${v.counts.issues} issues (${v.counts.issuesResolved} resolved, ` +
        `${v.counts.issuesResolvedByPianqu} by a 片区, ${v.counts.issuesUnresolved} unresolved of ` +
        `which ${v.counts.issuesEscalated} escalated; July-August in coastal compounds ` +
        `${v.counts.seasonalCoastal}, in 海湾国际 ${v.counts.seasonalHaiwan})`,
      `  activities ${v.counts.activitiesMicro} micro + ${v.counts.activitiesPianqu} 片区 ` +
        `(银杏 ${v.counts.yinxingCourses} courses, ${v.counts.yinxingCourseAttendance} attendances), ` +
        `${v.counts.projects} projects, ${v.counts.credits} credit rows, ` +
        `${v.counts.tourismCells} tourism cells with ${v.counts.tourismRows} non-zero hours`,
      `topology (m², geodesic, on the written files): zone vs shrunk outline ${areas.zoneVsOutlineM2.toFixed(1)}, zone vs ∪片区 ${v.zoneVsPianquM2.toFixed(4)}, ` +
        `worst 片区 vs ∪社区 ${v.pianquVsShequMaxM2.toFixed(4)}, overlaps 片区 ${v.pianquOverlapM2.toFixed(4)} ` +
        `社区 ${v.shequOverlapM2.toFixed(4)} 小区 ${v.xiaoquOverlapM2.toFixed(4)}`,
      `checks passed (${v.checks.length + governanceChecks.length}):`,
      ...v.checks.map((c) => `  ✓ ${c}`),
      ...governanceChecks.map((c) => `  ✓ ${c}`),
    ];
    console.log(lines.join('\n'));
  } finally {
    await db.close();
  }
}

await main();
