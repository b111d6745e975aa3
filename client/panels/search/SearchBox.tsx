/**
 * The search box of the header: part of a name in Chinese characters or pinyin initials (`xwh`
 * finds 西文化小区), asked of `GET /api/search` after a pause in typing; the results list kind
 * and parents, and are chosen with the mouse or the keyboard (↑ ↓ Enter, Esc closes).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { placeSearchRoutes, type SearchResult } from '../../../server/contract/index.ts';
import { useRouteQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useNarrowScreen } from '../../app/use-narrow-screen.ts';
import './search.css';

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  /** A result was chosen: fly to it and select its area. */
  onChoose(result: SearchResult): void;
  /** Milliseconds of quiet typing before asking (default 200). */
  debounceMs?: number;
}

/** Results asked for at most. */
const LIMIT = 10;

export function SearchBox({ onChoose, debounceMs = 200 }: SearchBoxProps) {
  const { t } = useI18n();
  // A phone's bar leaves the box a third of the window: the long hint would be cut off.
  const narrow = useNarrowScreen();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // The text as of the last pause in typing: what is asked.
  const [asked, setAsked] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const q = text.trim();

  useEffect(() => {
    if (q === '') return;
    const timer = setTimeout(() => setAsked(q), debounceMs);
    return () => clearTimeout(timer);
  }, [q, debounceMs]);
  const lookup = useRouteQuery(
    placeSearchRoutes.search,
    asked === '' ? null : { query: { q: asked, limit: LIMIT } },
  );
  const answer = lookup.data;
  // New results: the first is the one Enter chooses.
  useEffect(() => setActive(0), [answer]);

  // A click elsewhere closes the list.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const current = asked === q;
  const done = current && answer !== null;
  const failed = current && !done && lookup.error !== null && !lookup.loading;
  const results: SearchResult[] = done ? answer.results : [];
  const pending = !done && !failed;
  const showList = open && q !== '';
  const choose = (r: SearchResult) => {
    setOpen(false);
    setText(r.name);
    onChoose(r);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (results.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (e.key === 'Enter') {
      const r = results[active];
      if (showList && r) {
        e.preventDefault();
        choose(r);
      }
    } else if (e.key === 'Escape') {
      if (showList) setOpen(false);
      else setText('');
    }
  };

  return (
    <div className="search-box" ref={rootRef}>
      <input
        className="search-box__input"
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? `${id}-${active}` : undefined}
        placeholder={t(narrow ? 'search.placeholderShort' : 'search.placeholder')}
        title={t('search.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      {showList && (
        <ul
          className="search-box__list"
          id={`${id}-list`}
          role="listbox"
          data-testid="search-results"
        >
          {results.map((r, i) => (
            <li
              key={`${r.kind}:${r.code}`}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`search-box__item${i === active ? ' search-box__item--active' : ''}`}
              onMouseEnter={() => setActive(i)}
              // Before the input loses focus, so the list is still there when the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(r)}
              data-testid="search-result"
              data-code={r.code}
            >
              <span className={`search-box__kind search-box__kind--${r.kind}`}>
                {t(`search.kind.${r.kind}`)}
              </span>
              <span className="search-box__name">{r.name}</span>
              <span className="search-box__chain">{r.chain.slice(1).join(' › ')}</span>
            </li>
          ))}
          {pending && results.length === 0 && (
            <li className="search-box__note">{t('search.searching')}</li>
          )}
          {done && results.length === 0 && (
            <li className="search-box__note">{t('search.none', { q })}</li>
          )}
          {failed && <li className="search-box__note">{t('error.title')}</li>}
        </ul>
      )}
    </div>
  );
}
