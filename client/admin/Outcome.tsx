/** What the last write of a panel said: done, in a sentence, or the error explained. */
import { ErrorNotice } from '../api/ErrorNotice.tsx';

export type Outcome = { kind: 'done'; text: string } | { kind: 'failed'; error: unknown } | null;

export function OutcomeNote({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  if (outcome.kind === 'failed')
    return <ErrorNotice error={outcome.error} className="admin-error" />;
  return (
    <p className="admin-outcome" role="status" data-testid="admin-outcome">
      {outcome.text}
    </p>
  );
}
