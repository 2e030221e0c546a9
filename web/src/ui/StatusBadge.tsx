import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { PHASE_LABELS, type ProgramPhase } from '../../../src/core/program/status';

const SEVERITY = {
  upcoming: 'new',
  running: 'success',
  distribution_closed: 'info',
  usage_closed: 'info',
  closed: 'info',
  suspended: 'warning',
} as const;

/** A programme's status as of a date, derived by the server from its calendar and amendments. */
export function StatusBadge({ status }: { status: ProgramPhase }) {
  return (
    <Badge as="span" small noIcon severity={SEVERITY[status] ?? 'info'}>
      {PHASE_LABELS[status] ?? status}
    </Badge>
  );
}
