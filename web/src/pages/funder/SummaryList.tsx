import { fr } from '@codegouvfr/react-dsfr';
import { prescriberKindLabel } from '../../../../src/core/prescriber-kinds';
import type { FunderKind, Role } from '../../api/types';
import { FUNDER_KIND_LABELS, ROLE_LABELS, summaryKeyLabel } from '../../lib/labels';

const ORGANISATION_KINDS: Record<string, string> = { prescriber: 'Prescripteur', place: 'Lieu de médiation' };

/** Scalars as they are; objects and arrays as compact JSON (the summary is free-form by design). */
function show(v: unknown, key: string): string {
  if (key === 'role' && typeof v === 'string') return ROLE_LABELS[v as Role] ?? v;
  if (key === 'kind' && typeof v === 'string')
    return FUNDER_KIND_LABELS[v as FunderKind] ?? ORGANISATION_KINDS[v] ?? v;
  if (key === 'prescriberKind' && typeof v === 'string') return prescriberKindLabel(v);
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const json = JSON.stringify(v);
  return json.length > 160 ? `${json.slice(0, 159)}…` : json;
}

export function SummaryList({ summary }: { summary: Record<string, unknown> }) {
  const entries = Object.entries(summary ?? {});
  if (entries.length === 0) return <>—</>;
  return (
    <ul className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ listStyle: 'none', paddingLeft: 0 }}>
      {entries.map(([k, v]) => (
        <li key={k} className="pn-break">
          {summaryKeyLabel(k)} : {show(v, k)}
        </li>
      ))}
    </ul>
  );
}
