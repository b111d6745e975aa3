import type { ReactNode } from 'react';

/** A titled part of the panel. */
export function Section({
  title,
  children,
  testId,
  aside,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  /** Shown at the right of the title (e.g. the rotating chair). */
  aside?: ReactNode;
}) {
  return (
    <section className="panel-section" data-testid={testId}>
      <h3 className="panel-section__title">
        <span className="panel-section__text">{title}</span>
        {aside && <span className="panel-section__aside">{aside}</span>}
      </h3>
      {children}
    </section>
  );
}
