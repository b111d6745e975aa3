/**
 * The admin page (系统管理, `?mode=admin`): users, the big screens' kiosk tokens, the audit log
 * and the saved import sources, one tab each, over the admin routes of the contract.
 */
import { useState } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { AuditPanel } from './AuditPanel.tsx';
import { KioskPanel } from './KioskPanel.tsx';
import { SourcesPanel } from './SourcesPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';
import './admin.css';

const TABS = ['users', 'kiosk', 'audit', 'sources'] as const;
type Tab = (typeof TABS)[number];

/** Props of {@link AdminPage}. */
export interface AdminPageProps {
  /** The admin looking: their own account is marked and kept from self-demotion. */
  me: Me;
}

export function AdminPage({ me }: AdminPageProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('users');
  return (
    <main className="admin" data-testid="admin" data-tab={tab}>
      <div className="admin-layout">
        <div className="admin-head">
          <div>
            <h2>{t('admin.title')}</h2>
            <p className="admin-note">{t('admin.lead')}</p>
          </div>
          <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs')}>
            {TABS.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`admin-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`admin-panel-${id}`}
                className={`admin-tab${tab === id ? ' admin-tab--on' : ''}`}
                onClick={() => setTab(id)}
                data-testid={`admin-tab-${id}`}
              >
                {t(`admin.tab.${id}`)}
              </button>
            ))}
          </div>
        </div>
        <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
          {tab === 'users' && <UsersPanel me={me} />}
          {tab === 'kiosk' && <KioskPanel />}
          {tab === 'audit' && <AuditPanel />}
          {tab === 'sources' && <SourcesPanel />}
        </div>
      </div>
    </main>
  );
}
