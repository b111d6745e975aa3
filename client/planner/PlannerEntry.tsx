/**
 * The way into the workbench (`?mode=plan`): planners and admins get it; anyone else is told
 * it is theirs only, with a login for a visitor and the way back to the dashboard.
 */
import { Suspense } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { lazyMode } from '../app/lazy-mode.ts';
import { ModuleLoading } from '../app/ModuleLoading.tsx';
import { useI18n } from '../i18n/use-i18n.ts';

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
  const { t, lang } = useI18n();
  if (mayPlan(me))
    return (
      <Suspense fallback={<ModuleLoading />}>
        <PlannerApp me={me} />
      </Suspense>
    );
  const anonymous = me === null || (me as Me).role === 'public';
  return (
    <main className="planner planner--message" data-testid="planner-denied">
      <div className="planner-denied">
        <h2>{t('planner.title')}</h2>
        <p>{t(anonymous ? 'planner.deniedLogin' : 'planner.denied')}</p>
        <div className="planner-denied__buttons">
          {anonymous && (
            <button
              type="button"
              className="button button--primary"
              onClick={onLogin}
              data-testid="planner-login"
            >
              {t('account.login')}
            </button>
          )}
          <a className="button" href={`/?lang=${lang}`}>
            {t('planner.toDashboard')}
          </a>
        </div>
      </div>
    </main>
  );
}
