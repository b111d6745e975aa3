import type { ScreenSummary } from '../../server/contract/index.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useCountUp } from './use-count-up.ts';

type Kpis = ScreenSummary['kpis'];
type KpiKey = keyof Kpis;

/** A tile: its label and one figure, or two (x / y). */
interface Tile {
  id: string;
  label: MessageKey;
  values: KpiKey[];
  /** Drawn in the warning colour (open matters). */
  tone?: 'warn' | 'good';
}

/** The tiles, in reading order. */
const TILES: Tile[] = [
  { id: 'branches', label: 'screen.kpi.partyBranches', values: ['partyBranches', 'xiaoqu'] },
  { id: 'workers', label: 'screen.kpi.workers', values: ['workers'] },
  { id: 'sites', label: 'screen.kpi.sites', values: ['sites'] },
  { id: 'staff', label: 'screen.kpi.staff', values: ['staff'] },
  {
    id: 'year',
    label: 'screen.kpi.resolvedThisYear',
    values: ['issuesResolvedThisYear'],
    tone: 'good',
  },
  {
    id: 'resolved',
    label: 'screen.kpi.resolved',
    values: ['issuesResolved', 'issuesTotal'],
    tone: 'good',
  },
  { id: 'open', label: 'screen.kpi.open', values: ['issuesOpen'], tone: 'warn' },
  { id: 'escalated', label: 'screen.kpi.escalated', values: ['issuesEscalatedOpen'], tone: 'warn' },
  { id: 'micro', label: 'screen.kpi.micro', values: ['microActivities'] },
  { id: 'pianquActivities', label: 'screen.kpi.pianquActivities', values: ['pianquActivities'] },
  { id: 'areas', label: 'screen.kpi.areas', values: ['pianqu', 'shequ'] },
  {
    id: 'projects',
    label: 'screen.kpi.projects',
    values: ['projectsCompleted', 'projectsClaimed'],
  },
];

function Figure({ kpi, value }: { kpi: KpiKey; value: number }) {
  const { count } = useI18n();
  const shown = useCountUp(value);
  return (
    <span className="kpi-tile__figure" data-testid={`kpi-${kpi}`} data-value={value}>
      {count(shown)}
    </span>
  );
}

/** Props of {@link KpiTiles}. */
export interface KpiTilesProps {
  kpis: Kpis;
  /** The room they have (design pixels). */
  width: number;
  height: number;
}

/** The shape of tile that reads best: a little wider than tall. */
const TILE_ASPECT = 1.6;
const TILE_GAP = 8;

/** The number of columns whose tiles come nearest {@link TILE_ASPECT} in the room given. */
export function kpiColumns(width: number, height: number, tiles = TILES.length): number {
  let best = 2;
  let bestMiss = Infinity;
  for (let c = 2; c <= 4; c++) {
    const aspect = width / c / (height / Math.ceil(tiles / c));
    const miss = Math.abs(Math.log(aspect / TILE_ASPECT));
    if (miss < bestMiss) [best, bestMiss] = [c, miss];
  }
  return best;
}

/** The KPI tiles, in the columns that suit the panel, figures as large as the tiles allow. */
export function KpiTiles({ kpis, width, height }: KpiTilesProps) {
  const { t, count } = useI18n();
  const columns = kpiColumns(width, height);
  const rows = Math.ceil(TILES.length / columns);
  const tileWidth = (width - TILE_GAP * (columns - 1)) / columns;
  const tileHeight = (height - TILE_GAP * (rows - 1)) / rows;
  const fontSize = Math.min(46, tileHeight * 0.36);
  // A figure's digits are about 0.56 em wide, the "of" part is drawn at 0.6 em: it must fit.
  const fit = (tile: Tile) => {
    const [first, ...rest] = tile.values.map((kpi) => count(kpis[kpi]).length);
    const chars = (first ?? 0) + rest.reduce((n, len) => n + 0.6 * (3 + len), 0);
    return Math.min(fontSize, (tileWidth - 22) / (0.56 * chars));
  };
  return (
    <div
      className="kpi-tiles"
      style={{
        gridTemplateColumns: `repeat(${columns}, 1fr)`,
        gridTemplateRows: `repeat(${rows}, 1fr)`,
        height,
        gap: TILE_GAP,
      }}
    >
      {TILES.map((tile) => (
        <div
          key={tile.id}
          className={`kpi-tile${tile.tone ? ` kpi-tile--${tile.tone}` : ''}`}
          data-testid="kpi-tile"
        >
          <span className="kpi-tile__label">{t(tile.label)}</span>
          <span className="kpi-tile__value" style={{ fontSize: fit(tile) }}>
            {tile.values.map((kpi, i) => (
              <span key={kpi} className={i > 0 ? 'kpi-tile__of' : undefined}>
                {i > 0 && ' / '}
                <Figure kpi={kpi} value={kpis[kpi]} />
              </span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}
