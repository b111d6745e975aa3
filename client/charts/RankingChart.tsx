import { scaleBand, scaleLinear } from 'd3';
import type { ScreenPianquRank, ScreenSummary } from '../../server/contract/index.ts';
import './screen-charts.css';
import { useI18n } from '../i18n/use-i18n.ts';
import { RowLabel, RowValue, WallChart, WallLegend } from './parts.tsx';

/** Props of {@link RankingChart}. */
export interface RankingChartProps {
  ranking: ScreenSummary['pianquByResolution'];
  /** Legacy-problem resolution by 片区; null while the data set has none. */
  legacy: ScreenSummary['pianquByLegacy'];
  /** The 片区 the tour shows, drawn highlighted. */
  highlighted: string | null;
  width: number;
  height: number;
}

const RANK = 26;
const LABEL = 96;
const VALUE = 58;

/**
 * The 片区 ranked by resolution rate, best first: a bar of the rate, and under it a thin bar
 * of the share of their historical legacy problems resolved (when the data set has them).
 */
export function RankingChart({ ranking, legacy, highlighted, width, height }: RankingChartProps) {
  const { t, percent } = useI18n();
  const legacyOf = new Map<string, ScreenPianquRank>((legacy ?? []).map((r) => [r.code, r]));
  const y = scaleBand<string>()
    .domain(ranking.map((r) => r.code))
    .range([0, height])
    .paddingInner(0.22);
  const x = scaleLinear()
    .domain([0, 1])
    .range([0, width - RANK - LABEL - VALUE]);
  const band = y.bandwidth();
  const main = legacy ? band * 0.68 : band;
  return (
    <WallChart width={width} height={height} title={t('screen.ranking.title')}>
      {ranking.map((r, i) => {
        const l = legacyOf.get(r.code);
        const on = r.code === highlighted;
        return (
          <g
            key={r.code}
            transform={`translate(0, ${y(r.code) ?? 0})`}
            className={on ? 'screen-chart__row--on' : undefined}
            data-testid={`rank-${r.code}`}
          >
            {on && <rect className="screen-chart__row-mark" x={0} width={width} height={band} />}
            <text
              className="screen-chart__rank"
              x={RANK - 6}
              y={band / 2}
              dy="0.35em"
              textAnchor="end"
            >
              {i + 1}
            </text>
            <RowLabel block="screen-chart" x={RANK} band={band} anchor="start">
              {r.name}
            </RowLabel>
            <rect className="screen-chart__track" x={RANK + LABEL} width={x(1)} height={main} />
            <rect
              className="screen-chart__bar--rate"
              x={RANK + LABEL}
              width={x(r.rate ?? 0)}
              height={main}
            />
            {l && (
              <rect
                className="screen-chart__bar--legacy"
                x={RANK + LABEL}
                y={main + 1}
                width={x(l.rate ?? 0)}
                height={band - main - 1}
              />
            )}
            <RowValue block="screen-chart" x={width - VALUE + 6} band={band}>
              {percent(r.rate)}
            </RowValue>
          </g>
        );
      })}
    </WallChart>
  );
}

/** The legend of {@link RankingChart}. */
export function RankingLegend({ legacy }: { legacy: boolean }) {
  const { t } = useI18n();
  return (
    <WallLegend
      items={[
        { swatch: 'rate', label: t('screen.ranking.rate') },
        ...(legacy ? [{ swatch: 'legacy', label: t('screen.ranking.legacy') }] : []),
      ]}
    >
      {!legacy && <span className="screen-chart__muted">{t('screen.ranking.noLegacy')}</span>}
    </WallLegend>
  );
}
