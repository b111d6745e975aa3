import type {
  AreaDetail,
  AreaProfile,
  ProfileFigures,
  ProfileMonth,
} from '../../../server/contract/index.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { UrlState } from '../../state/url-state.ts';
import type { CompareEntry } from './ProfileHeader.tsx';

/** Props of {@link ProfilePanel}. */
export interface ProfilePanelProps {
  url: UrlState;
  /** The latest loaded profile; may still be the previous selection's while the next loads. */
  profile: AreaProfile | null;
  /** The loaded profile answers the URL's area and window. */
  fresh: boolean;
  loading: boolean;
  error: unknown;
  onRetry(): void;
  /** The selection's detail (its children), null until loaded. */
  detail: AreaDetail | null;
  /** The whole record's months of this area, for the brush's context (default: the window's). */
  allMonths?: readonly ProfileMonth[] | null;
  /**
   * Issues by category in the same window without the category filter, when known: every bar
   * keeps its figures while the map shows only the chosen ones (default: the profile's own).
   */
  allCategories?: ProfileFigures['issues']['byCategory'] | null;
  /** The areas of the compare list, as far as known. */
  compareEntries: readonly CompareEntry[];
  /** The CSV export's address for the area and window. */
  csvHref: string;
  /** Draws the map view with its legend into a PNG and downloads it. */
  onExportPng(): Promise<void>;
  onSelect(code: string): void;
  onUrlChange(next: UrlState): void;
}

/** What each part of the panel's body gets: the panel's props with the profile on show. */
export type ProfileBodyProps = ProfilePanelProps & { profile: AreaProfile; tr: Translator };
