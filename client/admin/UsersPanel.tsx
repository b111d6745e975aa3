/**
 * The users (用户): a form that creates one (an official's area chosen from the real areas),
 * and the list with each user's role, area and state, where a role or area is changed, an
 * account disabled or enabled, unlocked, or given a new password.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { adminRoutes, type Me, type User } from '../../server/contract/index.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useRouteQuery } from '../api/query.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { AdminDialog } from './AdminDialog.tsx';
import { createUser, updateUser } from './admin-api.ts';
import { editComplete, userChange, zoneTime, type UserEdit } from './admin-state.ts';
import { AreaPicker } from './AreaPicker.tsx';
import { OutcomeNote, type Outcome } from './Outcome.tsx';
import { useScopeAreas, type ScopeAreas } from './use-scope-areas.ts';

const ROLES: User['role'][] = ['official', 'planner', 'admin'];

/** What a row asked for: a dialog over the list. */
type Asking =
  | { kind: 'edit'; user: User }
  | { kind: 'disable'; user: User }
  | { kind: 'password'; user: User }
  | null;

export function UsersPanel({ me }: { me: Me }) {
  const tr = useI18n();
  const { frame } = useDataset();
  const { t } = tr;
  const client = useQueryClient();
  const users = useRouteQuery(adminRoutes.users, {});
  const scope = useScopeAreas();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a write, says how it went, and closes the dialog it came from; true when it landed. */
  const run = async (write: () => Promise<string>): Promise<boolean> => {
    setBusy(true);
    try {
      setOutcome({ kind: 'done', text: await write() });
      return true;
    } catch (error) {
      setOutcome({ kind: 'failed', error });
      return false;
    } finally {
      setAsking(null);
      setBusy(false);
    }
  };
  const patch = (user: User, body: Parameters<typeof updateUser>[2], text?: string) =>
    run(async () => {
      await updateUser(client, user.id, body);
      return text ?? t('admin.users.updated', { username: user.username });
    });

  const areaName = (u: User) =>
    u.areaCode ? (scope.names.get(u.areaCode) ?? u.areaCode) : t('admin.zoneWide');

  return (
    <div className="admin-grid">
      <section className="admin-card admin-card--form">
        <h3>{t('admin.users.create')}</h3>
        <CreateUserForm
          scope={scope}
          busy={busy}
          onCreate={(body) =>
            run(async () => {
              const made = await createUser(client, body);
              return t('admin.users.created', { username: made.username });
            })
          }
        />
      </section>

      <section className="admin-card">
        <div className="admin-card__head">
          <h3>{t('admin.users.list')}</h3>
          {users.data && (
            <span className="admin-note">
              {t('admin.users.count', { n: tr.count(users.data.length) })}
            </span>
          )}
        </div>
        <OutcomeNote outcome={outcome} />
        {users.error ? (
          <ErrorNotice error={users.error} onRetry={users.retry} />
        ) : !users.data ? (
          <p className="admin-note">{t('admin.loading')}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table" data-testid="admin-users">
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.username')}</th>
                  <th scope="col">{t('admin.users.displayName')}</th>
                  <th scope="col">{t('admin.users.role')}</th>
                  <th scope="col">{t('admin.users.area')}</th>
                  <th scope="col">{t('admin.users.status')}</th>
                  <th scope="col">{t('admin.users.createdAt')}</th>
                  <th scope="col">{t('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => {
                  const self = u.username === me.username;
                  const status = u.disabled ? 'disabled' : u.locked ? 'locked' : 'active';
                  return (
                    <tr
                      key={u.id}
                      data-testid={`admin-user-${u.username}`}
                      data-role={u.role}
                      data-status={status}
                    >
                      <td>
                        <span className="admin-mono">{u.username}</span>
                        {self && <span className="admin-note">{t('admin.users.you')}</span>}
                      </td>
                      <td>{u.displayName}</td>
                      <td data-testid="user-role">{t(`role.${u.role}`)}</td>
                      <td data-testid="user-area">{areaName(u)}</td>
                      <td>
                        <span
                          className={`admin-status admin-status--${status}`}
                          data-testid="user-status"
                        >
                          {t(`admin.users.${status}`)}
                        </span>
                      </td>
                      <td className="admin-nowrap">{zoneTime(frame.timeZone, u.createdAt)}</td>
                      <td className="admin-actions">
                        <button
                          type="button"
                          className="admin-button admin-button--small"
                          disabled={busy}
                          onClick={() => setAsking({ kind: 'edit', user: u })}
                          data-testid="user-edit"
                        >
                          {t('admin.users.edit')}
                        </button>
                        <button
                          type="button"
                          className="admin-button admin-button--small"
                          disabled={busy}
                          onClick={() => setAsking({ kind: 'password', user: u })}
                          data-testid="user-password"
                        >
                          {t('admin.users.resetPassword')}
                        </button>
                        {u.locked && !u.disabled && (
                          <button
                            type="button"
                            className="admin-button admin-button--small"
                            disabled={busy}
                            onClick={() => void patch(u, { unlock: true })}
                            data-testid="user-unlock"
                          >
                            {t('admin.users.unlock')}
                          </button>
                        )}
                        {!self &&
                          (u.disabled ? (
                            <button
                              type="button"
                              className="admin-button admin-button--small"
                              disabled={busy}
                              onClick={() => void patch(u, { disabled: false })}
                              data-testid="user-enable"
                            >
                              {t('admin.users.enable')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="admin-button admin-button--small admin-button--danger"
                              disabled={busy}
                              onClick={() => setAsking({ kind: 'disable', user: u })}
                              data-testid="user-disable"
                            >
                              {t('admin.users.disable')}
                            </button>
                          ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {asking?.kind === 'edit' && (
        <EditUserDialog
          user={asking.user}
          self={asking.user.username === me.username}
          scope={scope}
          busy={busy}
          onSave={(body) => void patch(asking.user, body)}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking?.kind === 'disable' && (
        <AdminDialog
          title={t('admin.users.disableTitle', { username: asking.user.username })}
          confirmLabel={t('admin.users.disable')}
          danger
          disabled={busy}
          onConfirm={() => void patch(asking.user, { disabled: true })}
          onCancel={() => setAsking(null)}
          testId="user-disable-confirm"
        >
          <p>{t('admin.users.disableBody')}</p>
        </AdminDialog>
      )}
      {asking?.kind === 'password' && (
        <PasswordDialog
          user={asking.user}
          busy={busy}
          onSave={(password) =>
            void patch(
              asking.user,
              { password },
              t('admin.users.passwordReset', { username: asking.user.username }),
            )
          }
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}

interface CreateUserFormProps {
  scope: ScopeAreas;
  busy: boolean;
  /** True when the user was created (the form then empties). */
  onCreate(body: Parameters<typeof createUser>[1]): Promise<boolean>;
}

const EMPTY_FORM = {
  username: '',
  displayName: '',
  role: 'official' as User['role'],
  areaCode: null as string | null,
  password: '',
};

function CreateUserForm({ scope, busy, onCreate }: CreateUserFormProps) {
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY_FORM);
  // The picker starts again with the form (a new level, no area).
  const [generation, setGeneration] = useState(0);
  const complete =
    form.username.trim() !== '' &&
    form.password !== '' &&
    editComplete({ displayName: form.displayName, role: form.role, areaCode: form.areaCode });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!complete || busy) return;
    const created = await onCreate({
      username: form.username.trim(),
      displayName: form.displayName.trim(),
      role: form.role,
      ...(form.role === 'official' && form.areaCode ? { areaCode: form.areaCode } : {}),
      password: form.password,
    });
    if (!created) return;
    setForm(EMPTY_FORM);
    setGeneration((g) => g + 1);
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="user-create">
      <label className="admin-field">
        {t('admin.users.username')}
        <input
          type="text"
          value={form.username}
          pattern="[A-Za-z0-9_.\-]{3,40}"
          autoComplete="off"
          required
          onChange={(e) => setForm({ ...form, username: e.target.value })}
          data-testid="user-username"
        />
        <span className="admin-hint">{t('admin.users.usernameHint')}</span>
      </label>
      <label className="admin-field">
        {t('admin.users.displayName')}
        <input
          type="text"
          value={form.displayName}
          maxLength={60}
          required
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          data-testid="user-display-name"
        />
      </label>
      <RoleAndArea
        value={form}
        scope={scope}
        pickerKey={generation}
        testIds={{ role: 'user-role-select', area: 'user-area' }}
        hint={t('admin.users.areaHint')}
        onChange={(next) => setForm({ ...form, ...next })}
      />
      <label className="admin-field">
        {t('admin.users.password')}
        <input
          type="password"
          value={form.password}
          autoComplete="new-password"
          maxLength={200}
          required
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          data-testid="user-password-input"
        />
        <span className="admin-hint">{t('admin.users.passwordHint')}</span>
      </label>
      <div className="admin-actions-row">
        <button
          type="submit"
          className="admin-button admin-button--primary"
          disabled={!complete || busy}
          data-testid="user-create-ok"
        >
          {busy ? t('admin.saving') : t('admin.users.createOk')}
        </button>
      </div>
    </form>
  );
}

interface EditUserDialogProps {
  user: User;
  /** The admin's own account: its role stays admin (the server refuses a self-demotion). */
  self: boolean;
  scope: ScopeAreas;
  busy: boolean;
  onSave(body: NonNullable<ReturnType<typeof userChange>>): void;
  onCancel(): void;
}

function EditUserDialog({ user, self, scope, busy, onSave, onCancel }: EditUserDialogProps) {
  const { t } = useI18n();
  const [edit, setEdit] = useState<UserEdit>({
    displayName: user.displayName,
    role: user.role,
    areaCode: user.areaCode,
  });
  const change = userChange(user, edit);
  return (
    <AdminDialog
      title={t('admin.users.editTitle', { username: user.username })}
      confirmLabel={busy ? t('admin.saving') : t('admin.save')}
      disabled={busy || change === null || !editComplete(edit)}
      onConfirm={() => change && onSave(change)}
      onCancel={onCancel}
      testId="user-edit-dialog"
    >
      <div className="admin-form">
        <label className="admin-field">
          {t('admin.users.displayName')}
          <input
            type="text"
            value={edit.displayName}
            maxLength={60}
            onChange={(e) => setEdit({ ...edit, displayName: e.target.value })}
          />
        </label>
        <RoleAndArea
          value={edit}
          scope={scope}
          roleLocked={self}
          testIds={{ role: 'edit-role', area: 'edit-area' }}
          onChange={(next) => setEdit({ ...edit, ...next })}
        />
        <p className="admin-hint">{t('admin.users.editNote')}</p>
      </div>
    </AdminDialog>
  );
}

/** Props of {@link RoleAndArea}. */
interface RoleAndAreaProps {
  value: { role: User['role']; areaCode: string | null };
  scope: ScopeAreas;
  /** One's own role is not changed here (an admin would lock themselves out). */
  roleLocked?: boolean;
  /** A new key resets the area picker (after a create). */
  pickerKey?: number;
  testIds: { role: string; area: string };
  /** Said under the area. */
  hint?: string;
  onChange(next: { role: User['role'] } | { areaCode: string | null }): void;
}

/** A user's role, and the area an official's scope is: one pair of fields for create and edit. */
function RoleAndArea({
  value,
  scope,
  roleLocked,
  pickerKey,
  testIds,
  hint,
  onChange,
}: RoleAndAreaProps) {
  const { t } = useI18n();
  return (
    <>
      <label className="admin-field">
        {t('admin.users.role')}
        <select
          value={value.role}
          disabled={roleLocked}
          onChange={(e) => onChange({ role: e.target.value as User['role'] })}
          data-testid={testIds.role}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="admin-field">
        {t('admin.users.area')}
        {value.role === 'official' ? (
          <AreaPicker
            key={pickerKey}
            areas={scope.areas}
            value={value.areaCode}
            onChange={(areaCode) => onChange({ areaCode })}
            testId={testIds.area}
          />
        ) : (
          <span className="admin-fixed">{t('admin.zoneWide')}</span>
        )}
        {hint && <span className="admin-hint">{hint}</span>}
      </div>
    </>
  );
}

interface PasswordDialogProps {
  user: User;
  busy: boolean;
  onSave(password: string): void;
  onCancel(): void;
}

function PasswordDialog({ user, busy, onSave, onCancel }: PasswordDialogProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  return (
    <AdminDialog
      title={t('admin.users.resetTitle', { username: user.username })}
      confirmLabel={t('admin.users.resetPassword')}
      disabled={busy || password === ''}
      onConfirm={() => onSave(password)}
      onCancel={onCancel}
      testId="user-password-dialog"
    >
      <div className="admin-form">
        <label className="admin-field">
          {t('admin.users.newPassword')}
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            maxLength={200}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="user-new-password"
          />
          <span className="admin-hint">{t('admin.users.passwordHint')}</span>
        </label>
        <p className="admin-hint">{t('admin.users.resetNote')}</p>
      </div>
    </AdminDialog>
  );
}
