import type { MultiPolygon, Polygon } from 'geojson';
import type { Department, SiteRoomKind, WorkerRole } from '../../server/contract/vocabulary.ts';
import type { Xiaoqu } from './compounds.ts';
import { NAMED } from './names.ts';
import { apportion, compareText, type Rng } from './prng.ts';
import { pointIn, type LonLat } from './sampling.ts';

export const SITE_COUNT = 183;
export const WORKER_COUNT = 613;
export const STAFF_COUNT = 158;

/** A 邻里之家. */
export interface Site {
  code: string;
  name: string;
  xiaoquCode: string;
  roomKind: SiteRoomKind;
  services: string[];
  openingHours: string;
  floorAreaM2: number;
  lonlat: LonLat;
}

const SERVICES = [
  '党员活动',
  '老年助餐',
  '儿童托管',
  '法律咨询',
  '健康义诊',
  '图书阅览',
  '便民维修',
  '矛盾调解',
  '心理疏导',
  '就业指导',
];

const ROOM_FLOOR_AREA: Record<SiteRoomKind, [number, number]> = {
  idle_room: [40, 200],
  property_room: [60, 320],
  party_post: [80, 420],
  community_office: [150, 600],
};

/** 小区 with no 邻里之家 of their own and none next door: the most isolated ones. */
export const UNSERVED_COUNT = 9;
/** Pairs of neighbouring 小区 that share one 邻里之家, placed on the side facing the other. */
export const SHARED_COUNT = 9;

/** The least distance between the centres of two 小区 that share a 邻里之家. */
const SHARED_APART_M = 560;

/** Metres between two points here, flat: enough to rank neighbours. */
function metres(a: LonLat, b: LonLat): number {
  const kx = 111_320 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_574);
}

/**
 * 183 邻里之家 as real ones sit: most 小区 have one, the largest a second; some neighbouring
 * 小区 of one 社区 share one (it stands in the host compound, on the side facing the other);
 * the most isolated have none, so the walking circles leave gaps. Sites sit inside their
 * compound. The named compounds of the article keep their own.
 */
export function buildSites(
  rng: Rng,
  xiaoqu: Xiaoqu[],
  interiors: Map<string, Polygon | MultiPolygon>,
): Site[] {
  const named = new Set<string>([NAMED.haiwan, NAMED.xiwenhua, NAMED.fushanlu]);
  const nearest = new Map(
    xiaoqu.map((x) => [
      x.code,
      Math.min(...xiaoqu.filter((y) => y !== x).map((y) => metres(x.centroid, y.centroid))),
    ]),
  );
  const unserved = new Set(
    xiaoqu
      .filter((x) => !named.has(x.name))
      .sort((a, b) => nearest.get(b.code)! - nearest.get(a.code)! || compareText(a.code, b.code))
      .slice(0, UNSERVED_COUNT)
      .map((x) => x.code),
  );
  // Pairs a short walk apart (closer ones would hardly need to share), closest first, each
  // compound in one pair at most; the smaller one is the guest.
  const free = xiaoqu.filter((x) => !named.has(x.name) && !unserved.has(x.code));
  const pairs: [Xiaoqu, Xiaoqu, number][] = [];
  for (const [i, a] of free.entries()) {
    for (const b of free.slice(i + 1)) {
      const d = metres(a.centroid, b.centroid);
      if (a.shequCode === b.shequCode && d >= SHARED_APART_M) pairs.push([a, b, d]);
    }
  }
  pairs.sort((p, q) => p[2] - q[2] || compareText(p[0].code + p[1].code, q[0].code + q[1].code));
  const guestOf = new Map<string, Xiaoqu>();
  const taken = new Set<string>();
  for (const [a, b] of pairs) {
    if (guestOf.size === SHARED_COUNT) break;
    if (taken.has(a.code) || taken.has(b.code)) continue;
    const [host, guest] = b.households > a.households ? [b, a] : [a, b];
    guestOf.set(host.code, guest);
    taken.add(a.code).add(b.code);
  }
  const guests = new Set([...guestOf.values()].map((g) => g.code));
  const hosting = xiaoqu.filter((x) => !unserved.has(x.code) && !guests.has(x.code));
  const second = new Set(
    hosting
      .filter((x) => !guestOf.has(x.code))
      .sort((a, b) => b.households - a.households || compareText(a.code, b.code))
      .slice(0, SITE_COUNT - hosting.length)
      .map((x) => x.code),
  );
  const sites: Site[] = [];
  for (const x of hosting) {
    const guest = guestOf.get(x.code);
    for (let k = 0; k < (second.has(x.code) ? 2 : 1); k++) {
      const roomKind = rng.weighted(
        ['idle_room', 'property_room', 'party_post', 'community_office'] as const,
        [0.3, 0.35, 0.2, 0.15],
      );
      // Coastal compounds also serve their seasonal residents.
      const services =
        x.type === 'coastal'
          ? [...rng.sample(SERVICES, rng.int(1, 4)), '旅居服务']
          : rng.sample(SERVICES, rng.int(2, 5));
      // Listed in the catalogue's order, so a service reads the same in every site.
      services.sort((a, b) => order(a) - order(b));
      const [minArea, maxArea] = ROOM_FLOOR_AREA[roomKind];
      let lonlat = pointIn(rng, interiors.get(x.code)!);
      if (guest) {
        // A shared room stands where both compounds can walk to it.
        for (let t = 0; t < 24; t++) {
          const p = pointIn(rng, interiors.get(x.code)!);
          if (metres(p, guest.centroid) < metres(lonlat, guest.centroid)) lonlat = p;
        }
      }
      sites.push({
        code: `LJ${String(sites.length + 1).padStart(3, '0')}`,
        name: guest
          ? `${x.name}·${guest.name}邻里之家`
          : `${x.name}邻里之家${k === 0 ? '' : '二站'}`,
        xiaoquCode: x.code,
        roomKind,
        services,
        openingHours: openingHours(rng, x.type),
        floorAreaM2: Math.round(rng.float(minArea, maxArea)),
        lonlat,
      });
    }
  }
  if (sites.length !== SITE_COUNT) throw new Error(`${sites.length} 邻里之家, not ${SITE_COUNT}`);
  return sites;
}

const order = (service: string): number => {
  const i = SERVICES.indexOf(service);
  return i < 0 ? SERVICES.length : i;
};

function openingHours(rng: Rng, type: Xiaoqu['type']): string {
  if (type === 'coastal' || type === 'mixed') {
    return rng.pick(['周一至周日 08:30-20:00', '周一至周日 09:00-21:00']);
  }
  return rng.weighted(
    [
      '周一至周日 08:30-20:00',
      '周一至周五 08:30-17:30',
      '周一至周六 09:00-18:00',
      '周二至周日 08:00-19:00',
    ],
    [0.35, 0.3, 0.2, 0.15],
  );
}

/** Posted 社区工作者 per compound and role: counts only. */
export interface WorkerCount {
  xiaoquCode: string;
  role: WorkerRole;
  count: number;
}

/**
 * 613 workers, every 小区 at least a 网格员 and a 支部书记助理; the rest follow households.
 */
export function buildWorkers(rng: Rng, xiaoqu: Xiaoqu[]): WorkerCount[] {
  const extra = apportion(
    WORKER_COUNT - 2 * xiaoqu.length,
    xiaoqu.map((x) => x.households),
  );
  const out: WorkerCount[] = [];
  for (const [i, x] of xiaoqu.entries()) {
    const counts: Record<WorkerRole, number> = {
      grid_worker: 1,
      social_worker: 0,
      branch_assistant: 1,
    };
    for (let k = 0; k < (extra[i] as number); k++) {
      counts[rng.weighted(['grid_worker', 'social_worker'] as const, [0.6, 0.4])] += 1;
    }
    for (const role of ['grid_worker', 'social_worker', 'branch_assistant'] as const) {
      if (counts[role] > 0) out.push({ xiaoquCode: x.code, role, count: counts[role] });
    }
  }
  return out;
}

/** One member of staff sent down (下沉) from a department, by post, not by person. */
export interface StaffPost {
  code: string;
  department: Department;
  xiaoquCode: string;
  dutySchedule: string;
}

const STAFF_PER_DEPARTMENT: Record<Department, number> = {
  police: 46,
  fire: 24,
  market: 36,
  urban: 52,
};

/**
 * Staff go where the people are and where tourists press: large compounds and the coastal
 * ones (平急转换), and market regulators to the mixed shop-and-flat compounds.
 */
export function buildStaff(rng: Rng, xiaoqu: Xiaoqu[]): StaffPost[] {
  const out: StaffPost[] = [];
  for (const department of Object.keys(STAFF_PER_DEPARTMENT) as Department[]) {
    const weights = xiaoqu.map(
      (x) =>
        x.households / 1000 +
        (x.type === 'coastal' ? 2.2 : 0) +
        (x.type === 'mixed' ? (department === 'market' ? 2 : 0.6) : 0),
    );
    const posts = Array.from({ length: STAFF_PER_DEPARTMENT[department] }, () => {
      const x = xiaoqu[rng.weightedIndex(weights)]!;
      return { x, dutySchedule: dutySchedule(rng, department, x.type === 'coastal') };
    }).sort((a, b) => compareText(a.x.code, b.x.code));
    for (const p of posts) {
      out.push({
        code: `ST${String(out.length + 1).padStart(3, '0')}`,
        department,
        xiaoquCode: p.x.code,
        dutySchedule: p.dutySchedule,
      });
    }
  }
  return out;
}

function dutySchedule(rng: Rng, department: Department, coastal: boolean): string {
  if (coastal && rng.chance(0.6)) return '旺季每日 08:00-22:00';
  if (department === 'police' && rng.chance(0.3)) return '每日 00:00-24:00 轮班';
  return rng.weighted(['周一至周五 08:30-17:30', '周末及节假日 09:00-21:00'], [0.7, 0.3]);
}
