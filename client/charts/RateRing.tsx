/** A ring gauge of a ratio (d3 arcs), e.g. the issue resolution rate. */
import { arc } from 'd3';
import './charts.css';

/** Props of {@link RateRing}. */
export interface RateRingProps {
  /** 0..1, or null when there is nothing to measure (drawn empty). */
  ratio: number | null;
  /** The text in the middle (the formatted ratio). */
  label: string;
  /** Accessible name. */
  title: string;
  /** Test id of the text in the middle. */
  testId?: string;
}

const SIZE = 92;
const R = SIZE / 2;
const ring = arc<{ end: number }>()
  .innerRadius(R - 9)
  .outerRadius(R - 1)
  .startAngle(0)
  .endAngle((d) => d.end)
  .cornerRadius(4);

export function RateRing({ ratio, label, title, testId }: RateRingProps) {
  return (
    <svg
      className="rate-ring"
      viewBox={`${-R} ${-R} ${SIZE} ${SIZE}`}
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label={`${title} ${label}`}
    >
      <path className="rate-ring__track" d={ring({ end: 2 * Math.PI }) ?? ''} />
      {ratio !== null && ratio > 0 && (
        <path className="rate-ring__value" d={ring({ end: 2 * Math.PI * ratio }) ?? ''} />
      )}
      <text className="rate-ring__label" dy="0.35em" data-testid={testId}>
        {label}
      </text>
    </svg>
  );
}
