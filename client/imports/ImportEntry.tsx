/**
 * The way into the data import (`?mode=import`): admins get the page; anyone else is told it
 * is theirs only, with a login for a visitor and the way back to the dashboard.
 */
import { Suspense } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { lazyMode } from '../app/lazy-mode.ts';
import { ModeDenied } from '../app/ModeDenied.tsx';
import { ModuleLoading } from '../app/ModuleLoading.tsx';
import { mayImportData } from './access.ts';

/** The import page, a chunk of its own; the refusal below needs none of it. */
export const importPage = lazyMode(
  () => import('./ImportPage.tsx').then((m) => m.ImportPage),
  () => import('./i18n/index.ts').then((m) => m.IMPORTS_MESSAGES),
);
const ImportPage = importPage.Component;
import './imports.css';

/** Props of {@link ImportEntry}. */
export interface ImportEntryProps {
  me: Me | null;
  /** Shows the login page. */
  onLogin(): void;
}

export function ImportEntry({ me, onLogin }: ImportEntryProps) {
  if (mayImportData(me))
    return (
      <Suspense fallback={<ModuleLoading />}>
        <ImportPage />
      </Suspense>
    );
  return <ModeDenied me={me} onLogin={onLogin} block="imports" button="imports-button" />;
}
