/**
 * The workbench's dialogs: save a scenario (name and notes), and apply one as the new
 * configuration from an effective date (with an explicit confirmation step, and each problem of
 * the plan listed and accepted first).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApplyWarning } from '../../../server/contract/planner-metrics.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import './dialogs.css';

function Dialog({
  title,
  children,
  onClose,
  testId,
}: {
  title: string;
  children: ReactNode;
  onClose(): void;
  testId: string;
}) {
  return (
    <ModalDialog className="planner-dialog" onCancel={onClose} testId={testId} aria-label={title}>
      <h2 className="planner-dialog__title">{title}</h2>
      {children}
    </ModalDialog>
  );
}

/** Props of {@link SaveDialog}. */
export interface SaveDialogProps {
  initialName: string;
  initialNotes: string;
  /** Whether "save over" the open scenario is offered besides "save as new". */
  canOverwrite: boolean;
  onSave(name: string, notes: string, asNew: boolean): Promise<void>;
  onClose(): void;
}

export function SaveDialog(props: SaveDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState(props.initialName);
  const [notes, setNotes] = useState(props.initialNotes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (asNew: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await props.onSave(name.trim(), notes, asNew);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(!props.canOverwrite);
  };
  return (
    <Dialog title={t('planner.saveTitle')} onClose={props.onClose} testId="save-dialog">
      <form className="planner-form" onSubmit={onSubmit}>
        <label>
          {t('planner.scenarioName')}
          <input
            type="text"
            value={name}
            maxLength={80}
            required
            onChange={(e) => setName(e.target.value)}
            data-testid="save-name"
            autoFocus
          />
        </label>
        <label>
          {t('planner.notes')}
          <textarea
            value={notes}
            maxLength={4000}
            rows={4}
            onChange={(e) => setNotes(e.target.value)}
            data-testid="save-notes"
          />
        </label>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="planner-form__buttons">
          <button type="button" className="button" onClick={props.onClose}>
            {t('planner.cancel')}
          </button>
          {props.canOverwrite && (
            <button
              type="button"
              className="button"
              disabled={busy || !name.trim()}
              onClick={() => void submit(true)}
              data-testid="save-as-new"
            >
              {t('planner.saveAsNew')}
            </button>
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !name.trim()}
            data-testid="save-confirm"
          >
            {props.canOverwrite ? t('planner.saveOver') : t('planner.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Props of {@link ApplyDialog}. */
export interface ApplyDialogProps {
  scenarioName: string;
  /** What the plan should not come into force with unless confirmed (`applyWarnings`). */
  warnings: readonly ApplyWarning[];
  /** A 片区's name by its code. */
  nameOf(code: string): string;
  /** The effective date proposed, `YYYY-MM-DD`; also the latest allowed (no future dates). */
  initialDate: string;
  /** `overrides`: the warnings confirmed (all of them, or the dialog does not let it apply). */
  onApply(effectiveFrom: string, note: string, overrides: string[]): Promise<void>;
  onClose(): void;
}

export function ApplyDialog(props: ApplyDialogProps) {
  const { t } = useI18n();
  const [date, setDate] = useState(props.initialDate);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const { warnings } = props;
  const [error, setError] = useState<unknown>(null);
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onApply(
        date,
        note,
        warnings.map((w) => w.id),
      );
    } catch (e) {
      setError(e);
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <Dialog title={t('planner.applyTitle')} onClose={props.onClose} testId="apply-dialog">
      <form
        className="planner-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (confirming) void apply();
          else setConfirming(true);
        }}
      >
        <p className="planner-hint">{t('planner.applyLead', { name: props.scenarioName })}</p>
        <label>
          {t('planner.effectiveFrom')}
          <input
            type="date"
            value={date}
            required
            max={props.initialDate}
            onChange={(e) => {
              setDate(e.target.value);
              setConfirming(false);
            }}
            data-testid="apply-date"
          />
        </label>
        <label>
          {t('planner.applyNote')}
          <input
            type="text"
            value={note}
            maxLength={400}
            onChange={(e) => setNote(e.target.value)}
            data-testid="apply-note"
          />
        </label>
        {warnings.length > 0 && (
          <div className="planner-warning planner-apply-warnings" data-testid="apply-warnings">
            <p>{t('planner.applyWarningsLead', { n: warnings.length })}</p>
            <ul>
              {warnings.map((w) => (
                <li key={w.id} data-testid={`apply-warning-${w.id}`}>
                  {w.kind === 'nonContiguous'
                    ? t('planner.warn.nonContiguous', { name: props.nameOf(w.code), n: w.value })
                    : t('planner.warn.outsideBand', {
                        name: props.nameOf(w.code),
                        dev: `${w.value > 0 ? '+' : '−'}${Math.abs(w.value * 100).toFixed(1)}%`,
                      })}
                </li>
              ))}
            </ul>
            <label className="planner-check">
              <input
                type="checkbox"
                checked={accepted}
                onChange={(e) => {
                  setAccepted(e.target.checked);
                  setConfirming(false);
                }}
                data-testid="apply-accept"
              />
              {t('planner.applyAccept')}
            </label>
          </div>
        )}
        {confirming && (
          <p className="planner-warning" role="alert">
            {t('planner.applyConfirm', { name: props.scenarioName, date })}
          </p>
        )}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="planner-form__buttons">
          <button type="button" className="button" onClick={props.onClose}>
            {t('planner.cancel')}
          </button>
          <button
            type="submit"
            className={`button ${confirming ? 'button--danger' : 'button--primary'}`}
            disabled={busy || !date || (warnings.length > 0 && !accepted)}
            data-testid="apply-confirm"
          >
            {confirming ? t('planner.applyNow') : t('planner.applyNext')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
