import { area, curveMonotoneX, line, max, scaleLinear } from 'd3';
import type { ScreenSummary } from '../../server/contract/index.ts';
import './screen-charts.css';
import { useI18n } from '../i18n/use-i18n.ts';
import { ValueGrid, WallChart, XTicks } from './parts.tsx';

/** Props of {@link TourismChart}. */
export interface TourismChartProps {
  tourism: ScreenSummary['tourism'];
  width: number;
  height: number;
}

const M = { top: 22, right: 14, bottom: 22, left: 50 };

/** Tourist pressure through the year (visitors at each month's busiest hour), now marked. */
export function TourismChart({ tourism, width, height }: TourismChartProps) {
  const { t, count } = useI18n();
  const months = [...tourism.months].sort((a, b) => a.month - b.month);
  const x = scaleLinear()
    .domain([1, 12])
    .range([M.left, width - M.right]);
  const y = scaleLinear()
    .domain([0, max(months, (m) => m.peakHourVisitors) || 1])
    .nice(3)
    .range([height - M.bottom, M.top]);
  type Month = (typeof months)[number];
  const fill = area<Month>()
    .x((m) => x(m.month))
    .y0(y(0))
    .y1((m) => y(m.peakHourVisitors))
    .curve(curveMonotoneX)(months);
  const stroke = line<Month>()
    .x((m) => x(m.month))
    .y((m) => y(m.peakHourVisitors))
    .curve(curveMonotoneX)(months);
  const now = months.find((m) => m.month === tourism.currentMonth);
  const nowX = x(tourism.currentMonth);
  return (
    <WallChart width={width} height={height} title={t('screen.tourism.title')}>
      <ValueGrid
        block="screen-chart"
        y={y}
        ticks={3}
        left={M.left}
        right={width - M.right}
        format={count}
      />
      {fill && <path className="screen-chart__area--tourism" d={fill} />}
      {stroke && <path className="screen-chart__line--tourism" d={stroke} />}
      <XTicks
        block="screen-chart"
        y={height - 6}
        ticks={months.map((m) => ({ key: m.month, x: x(m.month), label: String(m.month) }))}
      />
      <g data-testid="tourism-now" data-month={tourism.currentMonth}>
        <line
          className="screen-chart__now"
          x1={nowX}
          x2={nowX}
          y1={M.top - 4}
          y2={height - M.bottom}
        />
        {now && (
          <circle className="screen-chart__now-dot" cx={nowX} cy={y(now.peakHourVisitors)} r={5} />
        )}
        <text
          className="screen-chart__now-label"
          x={nowX}
          y={M.top - 8}
          textAnchor={nowX > width - 60 ? 'end' : nowX < M.left + 40 ? 'start' : 'middle'}
        >
          {t('screen.tourism.now')}
          {now ? ` ${count(now.peakHourVisitors)}` : ''}
        </text>
      </g>
    </WallChart>
  );
}
