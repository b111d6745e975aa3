/** Pieces the levels' sections share: the row of a list of areas, and a share as a bar. */
import type { ReactNode } from 'react';
import type { Translator } from '../../../i18n/i18n.ts';
import './levels.css';

/** What a level's sections get: their profile, the language, and the drill-down. */
export interface Part<P> {
  profile: P;
  tr: Translator;
  onSelect(code: string): void;
}

/** A row of a list of areas that selects the area when clicked (the drill-down in the panel). */
export function AreaRow({
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

/** A share as a thin bar with its text. */
export function ShareBar({ ratio }: { ratio: number | null }) {
  return (
    <div className="share-bar" aria-hidden="true">
      <div className="share-bar__fill" style={{ width: `${Math.round((ratio ?? 0) * 100)}%` }} />
    </div>
  );
}

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
