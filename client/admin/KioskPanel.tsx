/**
 * The big screens' kiosk tokens (大屏令牌): a new one is shown once, as the whole address the
 * wall opens; the list says when each was last used, and revokes one after a confirm.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { adminRoutes, type KioskToken } from '../../server/contract/index.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useRouteQuery } from '../api/query.ts';
import { kioskScreenAddress } from '../auth/kiosk-url.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { zoneTime } from './admin-state.ts';
import { AdminDialog } from './AdminDialog.tsx';
import { createKioskToken, revokeKioskToken } from './admin-api.ts';
import { OutcomeNote, type Outcome } from './Outcome.tsx';

export function KioskPanel() {
  const tr = useI18n();
  const { frame } = useDataset();
  const { t } = tr;
  const client = useQueryClient();
  const tokens = useRouteQuery(adminRoutes.kioskTokens, {});
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The one answer that holds the secret: kept in memory until dismissed, never stored.
  const [created, setCreated] = useState<{ label: string; address: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<KioskToken | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim() || busy) return;
    setBusy(true);
    setOutcome(null);
    setCopied(false);
    try {
      const made = await createKioskToken(client, label.trim());
      setCreated({ label: made.label, address: kioskScreenAddress(location.origin, made.token!) });
      setLabel('');
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: KioskToken) => {
    setBusy(true);
    try {
      await revokeKioskToken(client, token.id);
      setOutcome({ kind: 'done', text: t('admin.kiosk.revokedDone', { label: token.label }) });
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setRevoking(null);
      setBusy(false);
    }
  };

  const copy = async (address: string) => {
    try {
      await navigator.clipboard.writeText(address);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin): the address is selectable as it is.
      setCopied(false);
    }
  };

  return (
    <div className="admin-grid">
      <section className="admin-card admin-card--form">
        <h3>{t('admin.kiosk.create')}</h3>
        <p className="admin-note">{t('admin.kiosk.lead')}</p>
        <form className="admin-form" onSubmit={(e) => void create(e)} data-testid="kiosk-create">
          <label className="admin-field">
            {t('admin.kiosk.label')}
            <input
              type="text"
              value={label}
              maxLength={60}
              placeholder={t('admin.kiosk.labelHint')}
              onChange={(e) => setLabel(e.target.value)}
              data-testid="kiosk-label"
            />
          </label>
          <div className="admin-actions-row">
            <button
              type="submit"
              className="admin-button admin-button--primary"
              disabled={!label.trim() || busy}
              data-testid="kiosk-create-ok"
            >
              {t('admin.kiosk.createOk')}
            </button>
          </div>
        </form>
        {created && (
          <div className="admin-secret" role="status" data-testid="kiosk-secret">
            <p className="admin-secret__title">
              {t('admin.kiosk.address')} · {created.label}
            </p>
            <p className="admin-secret__note">{t('admin.kiosk.shownOnce')}</p>
            {/* Whole, wrapped and selected in one click: it is copied by hand where no clipboard is. */}
            <code className="admin-secret__address" data-testid="kiosk-address">
              {created.address}
            </code>
            <div className="admin-actions-row">
              <button
                type="button"
                className="admin-button"
                onClick={() => void copy(created.address)}
                data-testid="kiosk-copy"
              >
                {copied ? t('admin.kiosk.copied') : t('admin.kiosk.copy')}
              </button>
              <button
                type="button"
                className="admin-button admin-button--primary"
                onClick={() => setCreated(null)}
                data-testid="kiosk-dismiss"
              >
                {t('admin.kiosk.dismiss')}
              </button>
            </div>
          </div>
        )}
      </section>

      <section className="admin-card">
        <h3>{t('admin.kiosk.list')}</h3>
        <OutcomeNote outcome={outcome} />
        {tokens.error ? (
          <ErrorNotice error={tokens.error} onRetry={tokens.retry} />
        ) : !tokens.data ? (
          <p className="admin-note">{t('admin.loading')}</p>
        ) : tokens.data.length === 0 ? (
          <p className="admin-note">{t('admin.kiosk.empty')}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table" data-testid="kiosk-tokens">
              <thead>
                <tr>
                  <th scope="col">{t('admin.kiosk.label')}</th>
                  <th scope="col">{t('admin.kiosk.createdAt')}</th>
                  <th scope="col">{t('admin.kiosk.lastUsed')}</th>
                  <th scope="col">{t('admin.kiosk.status')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {[...tokens.data].reverse().map((k) => (
                  <tr
                    key={k.id}
                    data-testid={`kiosk-token-${k.id}`}
                    data-revoked={String(k.revoked)}
                  >
                    <td>{k.label}</td>
                    <td className="admin-nowrap">{zoneTime(frame.timeZone, k.createdAt)}</td>
                    <td className="admin-nowrap" data-testid="kiosk-last-used">
                      {k.lastUsedAt ? zoneTime(frame.timeZone, k.lastUsedAt) : t('admin.never')}
                    </td>
                    <td>
                      <span
                        className={`admin-status admin-status--${k.revoked ? 'disabled' : 'active'}`}
                      >
                        {t(k.revoked ? 'admin.kiosk.revoked' : 'admin.kiosk.active')}
                      </span>
                    </td>
                    <td className="admin-actions">
                      {!k.revoked && (
                        <button
                          type="button"
                          className="admin-button admin-button--small admin-button--danger"
                          disabled={busy}
                          onClick={() => setRevoking(k)}
                          data-testid="kiosk-revoke"
                        >
                          {t('admin.kiosk.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {revoking && (
        <AdminDialog
          title={t('admin.kiosk.revokeTitle', { label: revoking.label })}
          confirmLabel={t('admin.kiosk.revoke')}
          danger
          disabled={busy}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
          testId="kiosk-revoke-confirm"
        >
          <p>{t('admin.kiosk.revokeBody')}</p>
        </AdminDialog>
      )}
    </div>
  );
}
