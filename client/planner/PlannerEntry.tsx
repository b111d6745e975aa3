/**
 * The way into the workbench (`?mode=plan`): planners and admins get it; anyone else is told
 * it is theirs only, with a login for a visitor and the way back to the dashboard.
 */
import { Suspense } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { lazyMode } from '../app/lazy-mode.ts';
import { ModeDenied } from '../app/ModeDenied.tsx';
import { ModuleLoading } from '../app/ModuleLoading.tsx';

/** The workbench, a chunk of its own; the refusal below needs none of it. */
export const plannerApp = lazyMode(
  () => import('./PlannerApp.tsx').then((m) => m.PlannerApp),
  () => import('./i18n/index.ts').then((m) => m.PLANNER_MESSAGES),
);
const PlannerApp = plannerApp.Component;

/** Props of {@link PlannerEntry}. */
export interface PlannerEntryProps {
  me: Me | null;
  /** Shows the login page. */
  onLogin(): void;
}

/** Whether a session may use the workbench. */
export function mayPlan(me: Me | null): me is Me {
  return me?.role === 'planner' || me?.role === 'admin';
}

export function PlannerEntry({ me, onLogin }: PlannerEntryProps) {
  if (mayPlan(me))
    return (
      <Suspense fallback={<ModuleLoading />}>
        <PlannerApp me={me} />
      </Suspense>
    );
  return <ModeDenied me={me} onLogin={onLogin} block="planner" button="button" />;
}
