import { fr } from '@codegouvfr/react-dsfr';
import { formatIban } from '../../../../src/core/bank-account';
import { deName } from '../../../../src/core/french';
import { useFunderSettings } from '../../api/funders';
import { useSession } from '../../api/session';
import type { BankAccountView, FunderSettings } from '../../api/types';
import { formatDateTimeParis } from '../../lib/format';
import { formatTerritory } from '../../lib/territory';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useHashTarget } from '../../ui/useHashTarget';
import { BankAccountForm } from './settings/BankAccountForm';
import { DataExport } from './settings/DataExport';
import { FourEyesForm } from './settings/FourEyesForm';
import { PlaceContactForm } from './settings/PlaceContactForm';
import { PrivacyContactForm } from './settings/PrivacyContactForm';
import { RetentionForm } from './settings/RetentionForm';
import { TerritoryForm } from './settings/TerritoryForm';
import { UnusualDayForm } from './settings/UnusualDayForm';

const TITLE = 'Paramètres';

/**
 * The funder's settings: its territory, chosen by name, its bank account (for the payments
 * to come), the four-eyes rule, how long its beneficiaries' names are kept, whom to write to
 * about them, and when a place's day is unusual, each change audited; and all its data to take away. Its admins change them; its viewers read them, the IBAN masked.
 */
export function SettingsPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <FunderBreadcrumb current={TITLE} />
      <h1>
        {TITLE}
        {membership.funderName ? ` ${deName(membership.funderName)}` : ''}
      </h1>
      <Settings funderId={membership.funderId} admin={isFunderAdmin(session, membership.funderId)} />
    </>
  );
}

function Settings({ funderId, admin }: { funderId: string; admin: boolean }) {
  const query = useFunderSettings(funderId);
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} what="Les paramètres du financeur" />;
  const settings = query.data;
  return (
    <>
      {admin ? <TerritoryForm settings={settings} /> : <TerritoryView settings={settings} />}
      <BankAccountSection settings={settings} admin={admin} />
      <FourEyesForm settings={settings} admin={admin} />
      <RetentionForm settings={settings} admin={admin} />
      <PrivacyContactForm settings={settings} admin={admin} />
      <PlaceContactForm settings={settings} admin={admin} />
      <UnusualDayForm settings={settings} admin={admin} />
      <DataExport settings={settings} admin={admin} />
    </>
  );
}

/** Its own component, so that the payments page's and the first steps' links land on it. */
function BankAccountSection({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  useHashTarget('compte');
  return (
    <section aria-labelledby="compte" className={fr.cx('fr-mt-6w')}>
      <h2 id="compte">Compte bancaire</h2>
      <p>Le compte sur lequel le financeur reçoit et depuis lequel il verse les remboursements des lieux.</p>
      <CurrentAccount account={settings.bankAccount} />
      {admin && <BankAccountForm settings={settings} />}
      {settings.bankAccountHistory.length > 1 && <History accounts={settings.bankAccountHistory} />}
    </section>
  );
}

function TerritoryView({ settings }: { settings: FunderSettings }) {
  return (
    <section aria-labelledby="territoire">
      <h2 id="territoire">Territoire</h2>
      <ul>
        {settings.territory.map((t) => (
          <li key={`${t.level}:${t.code}`}>{formatTerritory(t)}</li>
        ))}
      </ul>
      <p className={fr.cx('fr-text--sm')}>Seuls les administrateurs du financeur peuvent le modifier.</p>
    </section>
  );
}

const shownIban = (a: BankAccountView) => (a.masked ? a.iban : formatIban(a.iban));

function CurrentAccount({ account }: { account: BankAccountView | null }) {
  if (!account) return <p>Aucun compte bancaire n’est encore enregistré.</p>;
  return (
    <dl className="pn-summary" data-testid="compte-actuel">
      <dt>IBAN</dt>
      <dd className="pn-break">
        {shownIban(account)}
        {account.masked && ' (masqué : seuls les administrateurs du financeur le voient en entier)'}
      </dd>
      <dt>BIC</dt>
      <dd>{account.bic}</dd>
      <dt>Titulaire</dt>
      <dd>{account.holder}</dd>
      <dt>Enregistré le</dt>
      <dd>
        {formatDateTimeParis(account.recordedAt)}
        {account.recordedBy ? ` par ${account.recordedBy}` : ''}
      </dd>
    </dl>
  );
}

function History({ accounts }: { accounts: BankAccountView[] }) {
  return (
    <section aria-labelledby="historique-comptes" className={fr.cx('fr-mt-4w')}>
      <h3 id="historique-comptes">Comptes successifs</h3>
      <TableFrame caption="Comptes bancaires successifs, le plus récent en premier">
        <thead>
          <tr>
            <th scope="col">Enregistré le</th>
            <th scope="col">IBAN</th>
            <th scope="col">BIC</th>
            <th scope="col">Titulaire</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.recordedAt}>
              <td>{formatDateTimeParis(a.recordedAt)}</td>
              <td className="pn-nowrap">{shownIban(a)}</td>
              <td>{a.bic}</td>
              <td>{a.holder}</td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </section>
  );
}
