/**
 * The browser's modal `<dialog>`, open while it is mounted: focus is trapped, and Esc calls
 * `onCancel` (the dialog does not close itself: its owner unmounts it).
 */
import { useEffect, useRef, type DialogHTMLAttributes, type ReactNode } from 'react';

/** Props of {@link ModalDialog}: a `<dialog>`'s attributes but its own cancel. */
export interface ModalDialogProps extends Omit<
  DialogHTMLAttributes<HTMLDialogElement>,
  'onCancel' | 'open'
> {
  testId: string;
  onCancel(): void;
  children: ReactNode;
}

export function ModalDialog({ testId, onCancel, children, ...attributes }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      {...attributes}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
