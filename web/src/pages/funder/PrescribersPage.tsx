import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { deName } from '../../../../src/core/french';
import { prescriberKindLabel } from '../../../../src/core/prescriber-kinds';
import { usePrescriberList } from '../../api/prescribers';
import { useSession } from '../../api/session';
import type { PrescriberWithFigures } from '../../api/types';
import { formatDate, formatInt } from '../../lib/format';
import { useListFilter } from '../../ui/ListFilter';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { byDate, byNumber, byText, SortableHeader, useSort } from '../../ui/SortableHeader';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AddPrescriberForm } from './prescribers/AddPrescriberForm';
import { ImportPrescribersForm } from './prescribers/ImportPrescribersForm';
import { InviteAgentForm } from './prescribers/InviteAgentForm';

const TITLE = 'Prescripteurs';

/**
 * The funder's prescriber organisations (issue 11, point 2): the structures that hand
 * booklets to people. Its admins add them here and invite their agents.
 */
export function PrescribersPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  const admin = isFunderAdmin(session, membership.funderId);
  return (
    <>
      <h1>{TITLE}</h1>
      {membership.funderName && <p className={fr.cx('fr-text--lead')}>{membership.funderName}</p>}
      <p>
        Les structures prescriptrices (missions locales, CCAS, associations…) reçoivent des carnets du
        financeur et les remettent aux bénéficiaires. Leurs agents y accèdent par une invitation.
        {!admin &&
          ' Seuls les administrateurs du financeur peuvent ajouter un prescripteur ou inviter ses agents.'}
      </p>
      <Sections funderId={membership.funderId} admin={admin} />
    </>
  );
}

function Sections({ funderId, admin }: { funderId: string; admin: boolean }) {
  const list = usePrescriberList(funderId);
  const [inviting, setInviting] = useState<string | null>(null);
  if (list.isPending) return <Loading what="Chargement des prescripteurs…" />;
  if (list.isError) return <QueryError error={list.error} what="La liste des prescripteurs" />;
  const invited = list.data.find((p) => p.id === inviting);
  return (
    <>
      {admin && list.data.length > 0 && (
        // The forms come after a list that may be long: reached from here in one step.
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
          <li>
            <a className={fr.cx('fr-btn', 'fr-btn--secondary')} href="#nouveau-prescripteur">
              Ajouter un prescripteur
            </a>
          </li>
          <li>
            <a className={fr.cx('fr-btn', 'fr-btn--tertiary')} href="#import-prescripteurs">
              Importer un fichier de prescripteurs
            </a>
          </li>
        </ul>
      )}
      <section aria-labelledby="liste-prescripteurs" className={fr.cx('fr-mt-4w')}>
        <h2 id="liste-prescripteurs">Prescripteurs du financeur</h2>
        {list.data.length === 0 ? (
          <p>
            Aucun prescripteur n’est encore enregistré.
            {admin && ' Ajoutez le premier avec le formulaire ci-dessous.'}
          </p>
        ) : (
          <PrescriberTable prescribers={list.data} admin={admin} onInvite={setInviting} />
        )}
      </section>
      {admin && invited && (
        <InviteAgentForm
          key={invited.id}
          funderId={funderId}
          prescriber={invited}
          onClose={() => setInviting(null)}
        />
      )}
      {admin && (
        <section aria-labelledby="nouveau-prescripteur" className={fr.cx('fr-mt-6w')}>
          <h2 id="nouveau-prescripteur">Ajouter un prescripteur</h2>
          <AddPrescriberForm funderId={funderId} onInvite={setInviting} />
        </section>
      )}
      {admin && (
        <section aria-labelledby="import-prescripteurs" className={fr.cx('fr-mt-6w')}>
          <h2 id="import-prescripteurs">Importer des prescripteurs depuis un fichier</h2>
          <ImportPrescribersForm funderId={funderId} />
        </section>
      )}
    </>
  );
}

interface TableProps {
  prescribers: PrescriberWithFigures[];
  admin: boolean;
  onInvite: (id: string) => void;
}

const searchText = (p: PrescriberWithFigures) =>
  [p.name, prescriberKindLabel(p.kind), p.communeName ?? '', p.siret ?? ''].join(' ');

const FILTER = {
  id: 'recherche-prescripteurs',
  label: 'Rechercher un prescripteur',
  hint: 'Son nom, son type, sa commune ou son SIRET',
  noun: ['prescripteur', 'prescripteurs'] as [string, string],
};

const COLUMNS = {
  name: byText((p: PrescriberWithFigures) => p.name),
  kind: byText((p: PrescriberWithFigures) => prescriberKindLabel(p.kind)),
  commune: byText((p: PrescriberWithFigures) => p.communeName),
  held: byNumber((p: PrescriberWithFigures) => p.held),
  handedOut: byNumber((p: PrescriberWithFigures) => p.handedOut),
  redeemed: byNumber((p: PrescriberWithFigures) => p.redeemed),
  lastHandOut: byDate((p: PrescriberWithFigures) => p.lastHandOutOn),
};

type Sort = ReturnType<typeof useSort<PrescriberWithFigures, keyof typeof COLUMNS>>;

function PrescriberTable({ prescribers, admin, onInvite }: TableProps) {
  // Sorted whole, then searched (the list is loaded whole).
  const sort = useSort(prescribers, COLUMNS);
  const filter = useListFilter(sort.rows, searchText, FILTER);
  const n = filter.kept.length;
  return (
    <>
      {prescribers.length > 10 && filter.element}
      {n === 0 ? (
        <p>Aucun prescripteur ne correspond à cette recherche.</p>
      ) : (
        <Rows prescribers={filter.kept} admin={admin} onInvite={onInvite} sort={sort} />
      )}
    </>
  );
}

// The SIRET is on each prescriber's page: without it the table fits a laptop's screen, its
// last column (the invitations) included.
function Rows({ prescribers, admin, onInvite, sort }: TableProps & { sort: Sort }) {
  const n = prescribers.length;
  return (
    <TableFrame caption={`${formatInt(n)} prescripteur${n > 1 ? 's' : ''}`}>
      <thead>
        <tr>
          <SortableHeader sort={sort} column="name">
            Nom
          </SortableHeader>
          <SortableHeader sort={sort} column="kind">
            Type
          </SortableHeader>
          <SortableHeader sort={sort} column="commune">
            Commune
          </SortableHeader>
          <SortableHeader sort={sort} column="held">
            Carnets détenus
          </SortableHeader>
          <SortableHeader sort={sort} column="handedOut">
            Carnets remis
          </SortableHeader>
          <SortableHeader sort={sort} column="redeemed">
            Pass utilisés
          </SortableHeader>
          <SortableHeader sort={sort} column="lastHandOut">
            Dernière remise
          </SortableHeader>
          {admin && <th scope="col">Agents</th>}
        </tr>
      </thead>
      <tbody>
        {prescribers.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link
                to="/financeur/prescripteurs/$prescriberId"
                params={{ prescriberId: p.id }}
                className={fr.cx('fr-link')}
              >
                {p.name}
              </Link>
            </th>
            <td>{prescriberKindLabel(p.kind)}</td>
            <td>{p.communeName ?? '—'}</td>
            <td>{formatInt(p.held)}</td>
            <td>{formatInt(p.handedOut)}</td>
            <td>{formatInt(p.redeemed)}</td>
            <td className="pn-nowrap">{p.lastHandOutOn ? formatDate(p.lastHandOutOn) : '—'}</td>
            {admin && (
              <td>
                <Button type="button" size="small" priority="secondary" onClick={() => onInvite(p.id)}>
                  Inviter un agent<span className={fr.cx('fr-sr-only')}> {deName(p.name)}</span>
                </Button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
