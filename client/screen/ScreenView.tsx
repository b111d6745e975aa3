/**
 * The big screen once signed in: the figures (`GET /api/screen/summary`, fetched again whenever
 * live events say they moved, at most every 2 s), the live feed, the tour, and every panel at
 * the place the layout gives it.
 */
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  areaRoutes,
  bigScreenRoutes,
  figureRoutes,
  type LiveEvent,
} from '../../server/contract/index.ts';
import { invalidateRoutes, useInvalidateOn, useRouteQuery } from '../api/query.ts';
import { useBasemap, useOnlineBasemaps } from '../app/use-basemap.ts';
import { chosenBasemap } from '../map/online-basemap.ts';
import type { Connection } from '../connection/use-connection.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useLive } from '../live/use-live.ts';
import { zoneOutline } from '../map/zone-outline.ts';
import { CategoryChart, CategoryLegend } from '../charts/CategoryChart.tsx';
import { PathChart, PathLegend } from '../charts/PathChart.tsx';
import { RankingChart, RankingLegend } from '../charts/RankingChart.tsx';
import { TourismChart } from '../charts/TourismChart.tsx';
import { TrendChart, TrendLegend } from '../charts/TrendChart.tsx';
import { KpiTiles } from './KpiTiles.tsx';
import { screenLayout, type PanelBox } from './layout.ts';
import { Panel } from './Panel.tsx';
import { PeakList } from '../layers/tourism/PeakList.tsx';
import type { ScreenParams } from './screen-params.ts';
import { ScreenHeader } from './ScreenHeader.tsx';
import { ScreenMap, createEventFeed } from './ScreenMap.tsx';
import { Ticker } from './Ticker.tsx';
import { exposeScreen, unexposeScreen } from './handle.ts';
import { useTour } from './use-tour.ts';

/** Props of {@link ScreenView}. */
export interface ScreenViewProps {
  params: ScreenParams;
  /** The window's size in device pixels. */
  width: number;
  height: number;
  connection: Connection;
}

export function ScreenView({ params, width, height, connection }: ScreenViewProps) {
  const { t, count } = useI18n();
  const layout = useMemo(
    () => screenLayout(width, height, params.panels),
    [width, height, params.panels],
  );
  const { scale } = layout;
  const recoveries = connection.state.recoveries;
  // Back after an outage, or another data set loaded: everything on screen is read again.
  const [reloads, setReloads] = useState(0);
  useInvalidateOn(recoveries);
  useInvalidateOn(reloads);

  const feed = useMemo(() => createEventFeed(), []);
  const onEvents = useCallback((events: LiveEvent[]) => feed.push(events), [feed]);
  const onReload = useCallback(() => setReloads((n) => n + 1), []);
  const live = useLive(true, { onEvents, onReload });
  // Not told to the app-wide listeners: the screen tells its own delay (the stream's state).
  const summary = useRouteQuery(bigScreenRoutes.summary, {}, { quiet: true });
  // Events arrived, the stream came back: the figures may have moved.
  const client = useQueryClient();
  useEffect(() => {
    if (live.revision > 0) void invalidateRoutes(client, bigScreenRoutes.summary);
  }, [client, live.revision]);
  // A summary older than the events on screen (the server serves one for up to 3 s under a busy
  // stream) is asked for again until it has caught up, so the KPIs never stay behind the ticker.
  const { latestSeen, refetch } = live;
  useEffect(() => {
    const counted = summary.data?.latestEventId;
    if (counted !== undefined && latestSeen !== null && counted < latestSeen) refetch();
  }, [summary.data, latestSeen, refetch]);
  const [summaryLoads, setSummaryLoads] = useState(0);
  useEffect(() => {
    if (summary.data) setSummaryLoads((n) => n + 1);
  }, [summary.data]);

  const basemap = useBasemap();
  const online = chosenBasemap(useOnlineBasemaps(), params.basemap);
  const pianqu = useRouteQuery(areaRoutes.list, { query: { level: 'pianqu' } });
  const zone = useMemo(
    () => (pianqu.data ? zoneOutline(pianqu.data.features) : null),
    [pianqu.data],
  );
  const codes = useMemo(
    () => (pianqu.data ? pianqu.data.features.map((f) => f.properties.code).sort() : null),
    [pianqu.data],
  );
  const tour = useTour(params, codes);
  // The toured 片区's figures, from the engine the screen's KPIs and rankings read.
  const tourFigures = useRouteQuery(
    figureRoutes.figures,
    tour.code ? { query: { codes: tour.code } } : null,
  );

  useEffect(() => {
    exposeScreen({
      tickerLength: live.events.items.length,
      tickerIds: live.events.items.map((e) => e.id),
      lastEventId: live.events.lastId,
      stream: live.stream.status,
      summaryLoads,
    });
  }, [live.events, live.stream.status, summaryLoads]);
  useEffect(() => unexposeScreen, []);

  const { checkNow } = connection;
  const onSourceError = useCallback(
    (status: number) => {
      if (status === 0 || status >= 502) checkNow();
    },
    [checkNow],
  );

  const delayed = connection.state.status === 'delayed' || live.stream.status === 'delayed';
  const s = summary.data;
  const panel = (box: PanelBox) => {
    const common = { key: box.id, box, scale };
    switch (box.id) {
      case 'kpi':
        return (
          <Panel {...common} title={t('screen.kpi.title')}>
            {(size) => s && <KpiTiles kpis={s.kpis} {...size} />}
          </Panel>
        );
      case 'trend':
        return (
          <Panel {...common} title={t('screen.trend.title')} note={<TrendLegend />}>
            {(size) => s && <TrendChart months={s.issuesByMonth} {...size} />}
          </Panel>
        );
      case 'categories':
        return (
          <Panel {...common} title={t('screen.categories.title')} note={<CategoryLegend />}>
            {(size) => s && <CategoryChart categories={s.categories} {...size} />}
          </Panel>
        );
      case 'ranking':
        return (
          <Panel
            {...common}
            title={t('screen.ranking.title')}
            note={<RankingLegend legacy={s?.pianquByLegacy != null} />}
          >
            {(size) =>
              s && (
                <RankingChart
                  ranking={s.pianquByResolution}
                  legacy={s.pianquByLegacy}
                  highlighted={tour.code}
                  {...size}
                />
              )
            }
          </Panel>
        );
      case 'path':
        return (
          <Panel {...common} title={t('screen.path.title')} note={<PathLegend />}>
            {(size) => s && <PathChart path={s.issuePath} {...size} />}
          </Panel>
        );
      case 'tourism':
        return (
          <Panel {...common} title={t('screen.tourism.title')} note={t('screen.tourism.unit')}>
            {(size) => s && <TourismChart tourism={s.tourism} {...size} />}
          </Panel>
        );
      case 'peak':
        return (
          <Panel
            {...common}
            title={t('screen.peak.title')}
            note={s ? t('screen.peak.threshold', { n: count(s.peak.threshold) }) : undefined}
          >
            {(size) => s && <PeakList xiaoqu={s.peak.xiaoqu} fit={size} />}
          </Panel>
        );
      case 'ticker':
        return (
          <Panel {...common} title={t('screen.ticker.title')}>
            {(size) => <Ticker events={live.events.items} {...size} />}
          </Panel>
        );
    }
  };

  return (
    <div className="screen-view" data-arrangement={layout.arrangement}>
      <ScreenHeader
        scale={scale}
        width={layout.header.width}
        height={layout.header.height}
        status={live.stream.status}
        delay={
          delayed
            ? {
                cause: connection.state.status === 'delayed' ? connection.state.cause : 'server',
                lastGoodAt: live.stream.lastGoodAt ?? connection.state.lastGoodAt,
              }
            : null
        }
        illustrative={connection.state.health?.dataSource === 'demo'}
        at={s?.at ?? null}
      />
      <div
        className="screen-map"
        data-testid="screen-map"
        style={
          {
            left: layout.map.x,
            top: layout.map.y,
            width: layout.map.width,
            height: layout.map.height,
            '--screen-scale': scale,
          } as CSSProperties
        }
      >
        <ScreenMap
          pianqu={pianqu.data?.features ?? null}
          zone={zone}
          basemap={basemap.data}
          online={online}
          tourCode={tour.code}
          tourArea={tourFigures.data?.areas[0] ?? null}
          tourPaused={tour.paused}
          quietS={params.quietS}
          ranking={s?.pianquByResolution ?? null}
          overlays={params.overlays}
          feed={feed}
          scale={scale}
          refresh={recoveries}
          onSelect={tour.show}
          onSourceError={onSourceError}
        />
      </div>
      {layout.panels.map(panel)}
    </div>
  );
}
