/**
 * The way into the admin page (`?mode=admin`): admins get the page; anyone else is told it is
 * theirs only, with a login for a visitor and the way back to the dashboard.
 */
import { Suspense } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { lazyMode } from '../app/lazy-mode.ts';
import { ModeDenied } from '../app/ModeDenied.tsx';
import { ModuleLoading } from '../app/ModuleLoading.tsx';
import { mayAdminister } from './access.ts';
import './admin-entry.css';

/** The admin page, a chunk of its own; the refusal below needs none of it. */
export const adminPage = lazyMode(
  () => import('./AdminPage.tsx').then((m) => m.AdminPage),
  () => import('./i18n/index.ts').then((m) => m.ADMIN_MESSAGES),
);
const AdminPage = adminPage.Component;

/** Props of {@link AdminEntry}. */
export interface AdminEntryProps {
  me: Me | null;
  /** Shows the login page. */
  onLogin(): void;
}

export function AdminEntry({ me, onLogin }: AdminEntryProps) {
  if (mayAdminister(me))
    return (
      <Suspense fallback={<ModuleLoading />}>
        <AdminPage me={me} />
      </Suspense>
    );
  return <ModeDenied me={me} onLogin={onLogin} block="admin" button="admin-button" />;
}
