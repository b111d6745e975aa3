import type { MultiPolygon, Polygon } from 'geojson';
import type { Department, SiteRoomKind, WorkerRole } from '../../server/contract/vocabulary.ts';
import type { Xiaoqu } from './compounds.ts';
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

/**
 * 183 邻里之家: one in every 小区, a second one in the 8 largest. Sites sit inside their compound.
 */
export function buildSites(
  rng: Rng,
  xiaoqu: Xiaoqu[],
  interiors: Map<string, Polygon | MultiPolygon>,
): Site[] {
  const second = new Set(
    xiaoqu
      .slice()
      .sort((a, b) => b.households - a.households || compareText(a.code, b.code))
      .slice(0, SITE_COUNT - xiaoqu.length)
      .map((x) => x.code),
  );
  const sites: Site[] = [];
  for (const x of xiaoqu) {
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
      sites.push({
        code: `LJ${String(sites.length + 1).padStart(3, '0')}`,
        name: `${x.name}邻里之家${k === 0 ? '' : '二站'}`,
        xiaoquCode: x.code,
        roomKind,
        services,
        openingHours: openingHours(rng, x.type),
        floorAreaM2: Math.round(rng.float(minArea, maxArea)),
        lonlat: pointIn(rng, interiors.get(x.code)!),
      });
    }
  }
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
