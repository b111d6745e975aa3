import { Readable } from 'node:stream';
import type { XiaoquPoint } from './import-files.ts';

const CATEGORIES = [
  '环境提升',
  '设施更新',
  '道路修缮',
  '停车优化',
  '楼道整治',
  '矛盾纠纷',
  '电网改造',
];
const STATUS = ['已办结', '处理中', '待处理', '已提级'];

/**
 * A large issues CSV generated as it is read (never held whole): `rows` issues from `firstId`
 * spread over the given 小区, deterministic. The million-row import test and its measurement
 * both read this.
 */
export function issueCsvStream(points: XiaoquPoint[], rows: number, firstId: number): Readable {
  let i = 0;
  const header = '工单编号,问题类别,办理状态,上报时间,办结时间,所属小区编码,经度,纬度\r\n';
  return new Readable({
    read() {
      if (i === 0) this.push(Buffer.from('\uFEFF' + header, 'utf8'));
      const lines: string[] = [];
      for (let k = 0; k < 5000 && i < rows; k++, i++) {
        const p = points[i % points.length]!;
        const status = STATUS[i % 17 === 0 ? 1 + (i % 3) : 0]!;
        const day = 1 + (i % 28);
        const month = 1 + (i % 12);
        const reported = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 08:${String(i % 60).padStart(2, '0')}`;
        const resolved =
          status === '已办结'
            ? `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 18:00`
            : '';
        lines.push(
          `${firstId + i},${CATEGORIES[i % 7]},${status},${reported},${resolved},${p.code},${(p.lon + ((i % 7) - 3) * 1e-6).toFixed(7)},${p.lat.toFixed(7)}\r\n`,
        );
      }
      if (lines.length) this.push(Buffer.from(lines.join(''), 'utf8'));
      if (i >= rows) this.push(null);
    },
  });
}
