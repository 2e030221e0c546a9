import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { LegalReference, TimelineEntry } from '../../../api/types';
import { formatDate, formatInt } from '../../../lib/format';
import { describeChanges } from './describeChange';
import { overriddenBadge, overriddenSentences } from './overridden';

function votes(l: LegalReference): string {
  if (l.votesFor === null && l.votesAgainst === null && l.abstentions === null) return 'Non précisés';
  const n = (v: number | null) => (v === null ? 'non précisé' : formatInt(v));
  return `pour : ${n(l.votesFor)}, contre : ${n(l.votesAgainst)}, abstentions : ${n(l.abstentions)}`;
}

function Entry({
  entry,
  asOf,
  entryOf,
}: {
  entry: TimelineEntry;
  asOf: string;
  entryOf: (id: string) => TimelineEntry | undefined;
}) {
  const numberOf = (id: string) => entryOf(id)?.legal.number ?? id;
  const future = entry.effectiveOn > asOf;
  const kind =
    entry.kind === 'creation'
      ? 'Délibération fondatrice'
      : entry.rectifies
        ? 'Délibération rectificative'
        : 'Délibération modificative';
  const lines = describeChanges(entry.changedFields, entry.changes);
  const l = entry.legal;
  const overridden = overriddenBadge(entry);
  return (
    <li className={future || entry.supersededBy ? 'pn-timeline__future' : undefined}>
      <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>
        <time dateTime={entry.effectiveOn}>{formatDate(entry.effectiveOn)}</time> — {kind}{' '}
        {future && (
          <Badge as="span" small severity="new" noIcon>
            À venir
          </Badge>
        )}{' '}
        {entry.supersededBy && (
          <Badge as="span" small severity="warning" noIcon>
            Rectifiée, sans effet
          </Badge>
        )}
        {overridden && (
          <Badge as="span" small severity="warning" noIcon>
            {overridden}
          </Badge>
        )}
      </h3>
      {entry.supersededBy && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          Remplacée par la délibération rectificative n° {numberOf(entry.supersededBy)} : elle ne compte à
          aucune date.
        </p>
      )}
      {overriddenSentences(entry, entryOf).map((sentence) => (
        <p key={sentence} className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          {sentence}
        </p>
      ))}
      {entry.rectifies && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          Rectifie la délibération n° {numberOf(entry.rectifies)}, qui ne compte plus.
        </p>
      )}
      <dl className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        <dt className={fr.cx('fr-text--bold')}>Type</dt>
        <dd>
          {entry.kind === 'creation' ? 'Création' : 'Modification'}, en vigueur le{' '}
          {formatDate(entry.effectiveOn)}
        </dd>
        <dt className={fr.cx('fr-text--bold')}>Instance</dt>
        <dd>{l.body}</dd>
        <dt className={fr.cx('fr-text--bold')}>Délibération</dt>
        <dd>
          n° {l.number}, du {formatDate(l.decidedOn)}
        </dd>
        <dt className={fr.cx('fr-text--bold')}>Votes</dt>
        <dd>{votes(l)}</dd>
        {l.text && (
          <>
            <dt className={fr.cx('fr-text--bold')}>Texte</dt>
            <dd>{l.text}</dd>
          </>
        )}
        <dt className={fr.cx('fr-text--bold')}>Champs modifiés</dt>
        <dd>
          {lines.length === 0 ? (
            'Aucun'
          ) : (
            <ul>
              {lines.map((c) => (
                <li key={c.path}>
                  {c.label}
                  {c.value !== undefined && ` : ${c.value}`}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </li>
  );
}

/** Deliberations in the order they take effect; those after the chosen date are marked "À venir". */
export function Timeline({ entries, asOf }: { entries: TimelineEntry[]; asOf: string }) {
  const entryOf = (id: string) => entries.find((e) => e.id === id);
  const sorted = [...entries].sort(
    (a, b) =>
      a.effectiveOn.localeCompare(b.effectiveOn) ||
      (a.kind === 'creation' ? -1 : b.kind === 'creation' ? 1 : 0),
  );
  return (
    <section aria-labelledby="historique" className={fr.cx('fr-mt-6w')}>
      <h2 id="historique">Historique des délibérations</h2>
      {sorted.length === 0 ? (
        <p>Aucune délibération enregistrée.</p>
      ) : (
        <ol aria-label="Historique des délibérations" className="pn-timeline">
          {sorted.map((e) => (
            <Entry key={e.id} entry={e} asOf={asOf} entryOf={entryOf} />
          ))}
        </ol>
      )}
    </section>
  );
}
