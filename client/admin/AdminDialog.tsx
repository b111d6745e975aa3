/**
 * The admin page's modal dialogs (the browser's `<dialog>`: focus is trapped, Esc cancels):
 * a title, what it asks or edits, and cancel beside the one action.
 */
import type { FormEvent, ReactNode } from 'react';
import { ModalDialog } from '../app/ModalDialog.tsx';
import { useI18n } from '../i18n/use-i18n.ts';

/** Props of {@link AdminDialog}. */
export interface AdminDialogProps {
  title: string;
  children: ReactNode;
  /** The action button's words. */
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  testId: string;
  /** An action that cannot be taken back is drawn as such. */
  danger?: boolean;
  /** The action waits (incomplete input, a request under way). */
  disabled?: boolean;
}

export function AdminDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  testId,
  danger = false,
  disabled = false,
}: AdminDialogProps) {
  const { t } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!disabled) onConfirm();
  };
  return (
    <ModalDialog
      className="admin-dialog"
      aria-labelledby={`${testId}-title`}
      testId={testId}
      onCancel={onCancel}
    >
      <form onSubmit={submit}>
        <h3 id={`${testId}-title`}>{title}</h3>
        <div className="admin-dialog__body">{children}</div>
        <div className="admin-dialog__buttons">
          <button type="button" className="admin-button" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
          <button
            type="submit"
            className={`admin-button ${danger ? 'admin-button--danger' : 'admin-button--primary'}`}
            disabled={disabled}
            data-testid={`${testId}-ok`}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
