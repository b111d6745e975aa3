/** Pieces the levels' sections share: a list of areas and its rows, and a share as a bar. */
import type { ReactNode } from 'react';
import type { Translator } from '../../../i18n/i18n.ts';
import { Section } from '../Section.tsx';
import './levels.css';

/** What a level's sections get: their profile, the language, and the drill-down. */
export interface Part<P> {
  profile: P;
  tr: Translator;
  onSelect(code: string): void;
}

/** A row of a list of areas that selects the area when clicked (the drill-down in the panel). */
function AreaRow({
  code,
  name,
  lead,
  meta,
  onSelect,
}: {
  code: string;
  name: string;
  lead?: ReactNode;
  meta: ReactNode;
  onSelect(code: string): void;
}) {
  return (
    <li>
      <button type="button" className="child-list__item" onClick={() => onSelect(code)}>
        {lead}
        <span className="child-list__name">{name}</span>
        <span className="child-list__meta">{meta}</span>
        <span className="child-list__chevron" aria-hidden="true">
          ›
        </span>
      </button>
    </li>
  );
}

/** A section listing the areas under this one, each row a drill-down into its area. */
export function AreaList<A extends { code: string; name: string }>({
  title,
  testId,
  areas,
  lead,
  meta,
  onSelect,
}: {
  title: string;
  testId: string;
  areas: readonly A[];
  lead?: (area: A) => ReactNode;
  meta: (area: A) => ReactNode;
  onSelect(code: string): void;
}) {
  return (
    <Section title={title} testId={testId}>
      <ul className="child-list" data-testid="children">
        {areas.map((a) => (
          <AreaRow
            key={a.code}
            code={a.code}
            name={a.name}
            onSelect={onSelect}
            lead={lead?.(a)}
            meta={meta(a)}
          />
        ))}
      </ul>
    </Section>
  );
}

/** A row's issues and the share of them resolved. */
export function IssuesRate({
  issues,
  rate,
  tr,
}: {
  issues: number;
  rate: number | null;
  tr: Translator;
}) {
  return (
    <>
      <span>{tr.t('profile.issuesShort', { n: tr.count(issues) })}</span>
      <span className="child-list__rate">{tr.t('profile.rateShort', { p: tr.percent(rate) })}</span>
    </>
  );
}

/** A share as a thin bar with its text. */
export function ShareBar({ ratio }: { ratio: number | null }) {
  return (
    <div className="share-bar" aria-hidden="true">
      <div className="share-bar__fill" style={{ width: `${Math.round((ratio ?? 0) * 100)}%` }} />
    </div>
  );
}

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
