import type { ReactNode } from 'react';
import type { PanelBox } from './layout.ts';

/** Height of a panel's title and its padding (design pixels). */
const TITLE_HEIGHT = 34;
const PAD = 14;

/** Props of {@link Panel}. */
export interface PanelProps {
  box: PanelBox;
  /** Device pixels per design pixel (the layout's scale). */
  scale: number;
  title: string;
  /** A note at the right of the title (e.g. a unit or a threshold). */
  note?: ReactNode;
  /** The panel's content, given the room it has in design pixels. */
  children(size: { width: number; height: number }): ReactNode;
}

/**
 * One panel of the screen: a box at its place in device pixels, its content drawn at the
 * design size and scaled as a whole (CSS transform), so text and charts keep their proportions
 * on any wall while the map beside them keeps its native pixels.
 */
export function Panel({ box, scale, title, note, children }: PanelProps) {
  const { rect, design } = box;
  const body = {
    width: Math.max(0, design.width - 2 * PAD),
    height: Math.max(0, design.height - TITLE_HEIGHT - PAD),
  };
  return (
    <section
      className="screen-panel"
      data-testid={`panel-${box.id}`}
      aria-label={title}
      style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}
    >
      <div
        className="screen-panel__inner"
        style={{ width: design.width, height: design.height, transform: `scale(${scale})` }}
      >
        <header className="screen-panel__head" style={{ height: TITLE_HEIGHT }}>
          <h2 className="screen-panel__title">{title}</h2>
          {note !== undefined && <span className="screen-panel__note">{note}</span>}
        </header>
        <div className="screen-panel__body" style={body}>
          {children(body)}
        </div>
      </div>
    </section>
  );
}
