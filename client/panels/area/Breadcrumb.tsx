import type { AreaRef } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

/** Props of {@link Breadcrumb}. */
export interface BreadcrumbProps {
  /** Ancestors from the zone down to the parent. */
  chain: readonly AreaRef[];
  /** The selected area itself (last, not a link). */
  current: AreaRef;
  onSelect(code: string): void;
}

/** 城区 › 片区 › 社区 › 小区: every ancestor is a way back up. */
export function Breadcrumb({ chain, current, onSelect }: BreadcrumbProps) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumb" aria-label={t('breadcrumb.label')} data-testid="breadcrumb">
      <ol>
        {chain.map((a) => (
          <li key={a.code}>
            <button
              type="button"
              className="breadcrumb__link"
              onClick={() => onSelect(a.code)}
              title={t(`level.${a.level}`)}
            >
              {a.name}
            </button>
            <span className="breadcrumb__sep" aria-hidden="true">
              ›
            </span>
          </li>
        ))}
        <li aria-current="page" className="breadcrumb__current">
          {current.name}
        </li>
      </ol>
    </nav>
  );
}
