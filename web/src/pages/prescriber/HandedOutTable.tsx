import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type ReactNode, useState } from 'react';
import { addDays } from '../../../../src/core/dates';
import {
  HANDED_OUT_PAGE_SIZE,
  type HandedOutQuery,
  handedOutCsvUrl,
  LATEST_HANDED_OUT,
  useHandedOut,
} from '../../api/passes';
import type { HandedOutBooklet, HandedOutList } from '../../api/types';
import { counted, formatDate, formatInt, formatShortDate, todayInParis } from '../../lib/format';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
import { QueryError } from '../../ui/QueryError';
import { SortableHeader, serverSort } from '../../ui/SortableHeader';
import { TableFrame } from '../../ui/TableFrame';

/**
 * The booklets the structure handed out, the latest first unless sorted otherwise: a person
 * who lost theirs is found by the day and their initials, and the booklet blocked from here.
 * A structure of thousands reads them a page at a time, sorted by the server (a page sorted
 * here would be sorted alone); a new sort starts again at the first page.
 */
export function HandedOutTable({
  organisationId,
  onBlock,
}: {
  organisationId: string;
  onBlock: (serial: string) => void;
}) {
  const [query, setQuery] = useState<HandedOutQuery>(LATEST_HANDED_OUT);
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  const wrongOrder = period.from !== '' && period.to !== '' && period.from > period.to;
  // A period whose end precedes its start is not asked for: the field says so instead.
  const asked = wrongOrder ? query : { ...query, from: period.from || undefined, to: period.to || undefined };
  const list = useHandedOut(organisationId, asked);
  const choose = (next: Period) => {
    setPeriod(next);
    setQuery((q) => ({ ...q, page: 1 }));
  };
  const chooser = <PeriodChooser period={period} wrongOrder={wrongOrder} onChange={choose} />;
  if (list.isPending) return <Loading what="Chargement des carnets remis…" />;
  if (list.isError) return <QueryError error={list.error} what="La liste des carnets remis" />;
  const { booklets, total, page } = list.data;
  const filtered = Boolean(period.from || period.to);
  if (total === 0 && !filtered) return <p>Votre structure n’a encore remis aucun carnet.</p>;
  const sort = serverSort(query.sort, query.order, (sort, order) => setQuery({ sort, order, page: 1 }));
  const pages = Math.max(1, Math.ceil(total / HANDED_OUT_PAGE_SIZE));
  const toPage = (page: number) => setQuery((q) => ({ ...q, page }));
  return (
    <>
      {chooser}
      <PeriodTotals organisationId={organisationId} period={period} list={list.data} />
      {total > 0 && (
        <>
          <HandedOutRows
            caption={`Carnets remis par votre structure${pages > 1 ? `, page ${page} sur ${pages}` : ''}`}
            booklets={booklets}
            onBlock={onBlock}
            heads={{
              serial: (
                <SortableHeader sort={sort} column="serial">
                  Carnet
                </SortableHeader>
              ),
              handedOutOn: (
                <SortableHeader sort={sort} column="handedOutOn">
                  Remis le
                </SortableHeader>
              ),
              beneficiary: (
                <SortableHeader sort={sort} column="beneficiary">
                  Bénéficiaire
                </SortableHeader>
              ),
              passesUsed: (
                <SortableHeader sort={sort} column="passesUsed">
                  Pass utilisés
                </SortableHeader>
              ),
            }}
          />
          <Pager
            label="Pages de la liste des carnets remis"
            page={page}
            pages={pages}
            onPage={toPage}
            count={`(${formatInt(total)} carnets)`}
          />
        </>
      )}
    </>
  );
}

interface Period {
  /** '' when that side is open */
  from: string;
  to: string;
}

/** The first and last days of the month `day` falls in. */
function monthAround(day: string): Period {
  const from = `${day.slice(0, 8)}01`;
  const nextMonth = addDays(from, 32);
  return { from, to: addDays(`${nextMonth.slice(0, 8)}01`, -1) };
}

/**
 * The period of the list, chosen in one click for a monthly report (this month, the last one)
 * or by its dates; every date by default, as the desk looks for a lost booklet of any day.
 */
function PeriodChooser({
  period,
  wrongOrder,
  onChange,
}: {
  period: Period;
  wrongOrder: boolean;
  onChange: (p: Period) => void;
}) {
  const today = todayInParis();
  const thisMonth = { from: monthAround(today).from, to: today };
  const lastMonth = monthAround(addDays(thisMonth.from, -1));
  const quick: [string, Period][] = [
    ['Ce mois-ci', thisMonth],
    ['Le mois dernier', lastMonth],
    ['Toutes les dates', { from: '', to: '' }],
  ];
  return (
    <fieldset className={fr.cx('fr-fieldset')} aria-label="Période des carnets remis">
      <legend className={fr.cx('fr-fieldset__legend')}>Période</legend>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
        {quick.map(([label, p]) => (
          <li key={label}>
            <Button
              type="button"
              priority={p.from === period.from && p.to === period.to ? 'primary' : 'secondary'}
              onClick={() => onChange(p)}
              nativeButtonProps={{ 'aria-pressed': p.from === period.from && p.to === period.to }}
            >
              {label}
            </Button>
          </li>
        ))}
      </ul>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField
            name="remisDu"
            type="date"
            label="Remis du"
            value={period.from}
            onChange={(v) => onChange({ ...period, from: v })}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField
            name="remisAu"
            type="date"
            label="au"
            value={period.to}
            error={wrongOrder ? 'La fin de la période ne peut pas précéder son début.' : undefined}
            onChange={(v) => onChange({ ...period, to: v })}
          />
        </div>
      </div>
    </fieldset>
  );
}

/**
 * What the period's hand-outs add up to, as the monthly report says it, and its CSV file: a
 * replacement is counted apart, the same person served again.
 */
function PeriodTotals({
  organisationId,
  period,
  list,
}: {
  organisationId: string;
  period: Period;
  list: HandedOutList;
}) {
  const { totals } = list;
  const when =
    list.period?.from && list.period.to
      ? `Du ${formatDate(list.period.from)} au ${formatDate(list.period.to)}`
      : list.period?.from
        ? `Depuis le ${formatDate(list.period.from)}`
        : list.period?.to
          ? `Jusqu’au ${formatDate(list.period.to)}`
          : 'En tout';
  return (
    <div role="status">
      <p>
        {when} : {counted(totals.booklets, 'carnet remis', 'carnets remis')}
        {totals.replacements > 0 &&
          ` (dont ${counted(totals.replacements, 'remplacement', 'remplacements')})`}
        , {counted(totals.people, 'personne', 'personnes')}, {counted(totals.passes, 'pass', 'pass')}.
      </p>
      {period.from && period.to ? (
        <p>
          <a
            className={`${fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--secondary')} pn-touch`}
            href={handedOutCsvUrl(organisationId, period.from, period.to)}
            download
          >
            Télécharger (CSV)
          </a>
        </p>
      ) : (
        <p className={fr.cx('fr-text--sm')}>
          Choisissez une période pour télécharger ses carnets remis (CSV).
        </p>
      )}
    </div>
  );
}

type Column = 'serial' | 'handedOutOn' | 'beneficiary' | 'passesUsed';

/** The heads of the columns, sortable in the structure's list, plain where one person's are found. */
const PLAIN_HEADS: Record<Column, ReactNode> = {
  serial: <th scope="col">Carnet</th>,
  handedOutOn: <th scope="col">Remis le</th>,
  beneficiary: <th scope="col">Bénéficiaire</th>,
  passesUsed: <th scope="col">Pass utilisés</th>,
};

/**
 * The rows of booklets handed out, each with its block button: the structure's list, and the
 * booklets found for one person (HandedOutLookup), with the commune recorded to confirm it is them.
 */
export function HandedOutRows({
  booklets,
  onBlock,
  caption,
  heads = PLAIN_HEADS,
}: {
  booklets: (HandedOutBooklet & { commune?: { name: string } })[];
  onBlock: (serial: string) => void;
  caption: string;
  heads?: Record<Column, ReactNode>;
}) {
  const withCommune = booklets.some((b) => b.commune);
  const withAudience = booklets.some((b) => b.audience);
  return (
    <TableFrame stacked caption={caption}>
      <thead>
        <tr>
          {heads.serial}
          {heads.handedOutOn}
          {heads.beneficiary}
          {withCommune && <th scope="col">Commune</th>}
          {withAudience && <th scope="col">Public</th>}
          {heads.passesUsed}
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {booklets.map((b) => (
          <tr key={b.serial}>
            <th scope="row" className="pn-nowrap" data-label="Carnet">
              {b.serial}
              <ReplacementNote booklet={b} />
            </th>
            <td className="pn-nowrap" data-label="Remis le">
              {formatShortDate(b.handedOutOn)}
            </td>
            <td data-label="Bénéficiaire">
              <abbr title="Initiales du bénéficiaire">{b.initials}</abbr>
            </td>
            {withCommune && <td data-label="Commune">{b.commune?.name}</td>}
            {withAudience && <td data-label="Public">{b.audience?.label}</td>}
            <td className="pn-nowrap" data-label="Pass utilisés">
              {/* A replacement's struck-out passes are not the person's to use: not counted in. */}
              {formatInt(b.passesUsed)} sur {formatInt(b.passes - b.passesStruck)}
              {b.passesStruck > 0 &&
                ` (${formatInt(b.passesStruck)} ${b.passesStruck === 1 ? 'barré' : 'barrés'})`}
            </td>
            <td>
              {b.status === 'blocked' ? (
                'Bloqué'
              ) : (
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  onClick={() => onBlock(b.serial)}
                  nativeButtonProps={{ 'aria-label': `Bloquer le carnet ${b.serial}` }}
                >
                  Bloquer
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

/**
 * Which booklet took which one's place: after a replacement the new booklet and the blocked one
 * are both listed, on different days, and nothing else tells the desk they are one person's.
 */
function ReplacementNote({ booklet: b }: { booklet: HandedOutBooklet }) {
  const note = b.replacesSerial
    ? `remplace ${b.replacesSerial}`
    : b.replacedBy
      ? `remplacé par ${b.replacedBy}`
      : null;
  if (!note) return null;
  return (
    <>
      <br />
      <span className={fr.cx('fr-text--xs')}>{note}</span>
    </>
  );
}
