import type { FiguresResponse, ScreenSummary } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import './screen-map.css';

/** Width of the card (design pixels); the map keeps this much free when fitting a 片区. */
export const TOUR_CARD_WIDTH = 300;

/** Props of {@link TourCard}. */
export interface TourCardProps {
  /** The 片区 and its figures (window: all), from the figures engine. */
  area: FiguresResponse['areas'][number];
  /** The 片区 ranking, for its place in it. */
  ranking: ScreenSummary['pianquByResolution'] | null;
  /** The tour is paused by someone at the wall. */
  paused: boolean;
  /** Seconds without input before it resumes. */
  quietS: number;
}

/** The highlighted 片区's figures, floating on the map (scaled with it, like the panels). */
export function TourCard({ area, ranking, paused, quietS }: TourCardProps) {
  const { t, count, percent } = useI18n();
  const s = area.figures;
  const rank = ranking ? ranking.findIndex((r) => r.code === area.code) + 1 : 0;
  const rows: [string, string][] = [
    [t('screen.card.shequ'), count(s.shequ)],
    [t('screen.card.xiaoqu'), count(s.xiaoqu)],
    [t('screen.card.population'), count(s.population)],
    [t('screen.card.workers'), count(s.workers)],
    [t('screen.card.sites'), count(s.sites)],
    [t('screen.card.issues'), `${count(s.issues.resolved)} / ${count(s.issues.total)}`],
    [t('screen.card.rate'), percent(s.issues.resolutionRate)],
    [t('screen.card.escalated'), count(s.issues.escalated)],
    [t('screen.card.activities'), count(s.pianquActivities)],
  ];
  return (
    <aside
      className="tour-card"
      data-testid="tour-card"
      data-code={area.code}
      style={{ width: TOUR_CARD_WIDTH }}
    >
      <div className="tour-card__eyebrow">{t('screen.tour.title')}</div>
      <h2 className="tour-card__name">{area.name}</h2>
      {rank > 0 && <div className="tour-card__rank">{t('screen.tour.rank', { rank })}</div>}
      <dl className="tour-card__figures">
        {rows.map(([label, value]) => (
          <div key={label} className="tour-card__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {paused && <div className="tour-card__paused">{t('screen.tour.paused', { s: quietS })}</div>}
    </aside>
  );
}
