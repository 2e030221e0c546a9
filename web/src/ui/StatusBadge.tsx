import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ProgramStatus } from '../api/types';
import { STATUS_LABELS } from '../lib/labels';

const SEVERITY = { draft: 'new', active: 'success', suspended: 'warning', closed: 'info' } as const;

export function StatusBadge({ status }: { status: ProgramStatus }) {
  return (
    <Badge as="span" small noIcon severity={SEVERITY[status] ?? 'info'}>
      {STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
