/**
 * A modal yes/no question (the browser's `<dialog>`: focus is trapped, Esc cancels).
 */
import type { ReactNode } from 'react';
import { ModalDialog } from '../app/ModalDialog.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import './confirm-dialog.css';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The confirm button's words. */
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** Test id of the dialog (default `confirm-dialog`). */
  testId?: string;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  testId = 'confirm-dialog',
}: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <ModalDialog
      className="imports-dialog"
      aria-labelledby={`${testId}-title`}
      testId={testId}
      onCancel={onCancel}
    >
      <h3 id={`${testId}-title`}>{title}</h3>
      <div className="imports-dialog__body">{children}</div>
      <div className="imports-dialog__buttons">
        <button type="button" className="imports-button" onClick={onCancel}>
          {t('imports.cancel')}
        </button>
        <button
          type="button"
          className="imports-button imports-button--primary"
          onClick={onConfirm}
          data-testid={`${testId}-ok`}
        >
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
