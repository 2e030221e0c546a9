import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import { useHandedOut, useStock } from '../../api/passes';
import { useFunderPrograms } from '../../api/programs';
import { useSession } from '../../api/session';
import type { ProgramSummary, StockBooklet } from '../../api/types';
import { FlashAlert } from '../../ui/FlashAlert';
import { fieldId } from '../../ui/form/useForm';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { prescriberMembership } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { BlockForm } from './BlockForm';
import { HandedOutLookup } from './HandedOutLookup';
import { HandedOutTable } from './HandedOutTable';
import { HandOutForm } from './HandOutForm';
import { ReplacementForm } from './ReplacementForm';
import { StockCount, StockTable } from './StockTable';
import { showAndFocus } from './showAndFocus';

const TITLE = 'Espace prescripteur';

/** Prescriber console: hand booklets of the organisation's stock to people, block lost ones. */
export function PrescriberPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const m = prescriberMembership(session);
  if (!m) return null;
  const name = m.organisationName ?? 'Votre structure';
  return (
    <>
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>
        {name}
        {m.funderName ? ` — ${m.funderName}` : ''}
      </p>
      <FlashAlert />
      {m.funderId ? (
        <Console organisationId={m.organisationId} organisationName={name} funderId={m.funderId} />
      ) : (
        // Booklets and publics belong to a funder's programmes: without one there is nothing to do here.
        <Alert
          severity="info"
          as="h2"
          title="Structure sans financeur"
          description="Votre structure n’est rattachée à aucun financeur. Contactez l’administrateur qui vous a invité·e."
        />
      )}
    </>
  );
}

interface ConsoleProps {
  organisationId: string;
  organisationName: string;
  funderId: string;
}

function Console({ organisationId, organisationName, funderId }: ConsoleProps) {
  const stock = useStock(organisationId);
  // The programmes give the publics to choose from and the names shown next to the booklets.
  const programs = useFunderPrograms(funderId);
  const handedOut = useHandedOut(organisationId);
  const [blocked, setBlocked] = useState('');
  const [toBlock, setToBlock] = useState('');
  // A person's case closed by a replacement: the hand-out and block forms start afresh, so that
  // the next person at the desk does not find the last one's name, birth date and refusal.
  const [caseNumber, setCaseNumber] = useState(0);
  if (stock.isPending || programs.isPending || handedOut.isPending)
    return <Loading what="Chargement de votre stock…" />;
  if (stock.isError) return <QueryError error={stock.error} what="Le stock de votre structure" />;
  if (programs.isError) return <QueryError error={programs.error} what="La liste des dispositifs" />;
  if (handedOut.isError) return <QueryError error={handedOut.error} what="La liste des carnets remis" />;
  const booklets = stock.data.booklets;
  // A booklet chosen in the list: the block form gets its serial, and the focus goes to what is
  // left to choose, lost or stolen (the button pressed scrolls out of sight).
  const chooseToBlock = (serial: string) => {
    setToBlock(serial);
    requestAnimationFrame(() => showAndFocus('blocage', `${fieldId('reason')}-0`));
  };
  return (
    <>
      <section aria-labelledby="remise">
        <h2 id="remise">Remettre un carnet</h2>
        <StockCount booklets={booklets} />
        {booklets.length === 0 ? (
          // A form that cannot succeed would have the desk type a whole person in before learning so.
          <Alert
            severity="info"
            small
            description="Aucun carnet à remettre pour le moment : demandez-en à votre financeur, qui les attribue à votre structure."
          />
        ) : (
          <HandOutSection
            caseNumber={caseNumber}
            organisationId={organisationId}
            booklets={booklets}
            programs={programs.data}
          />
        )}
      </section>
      <section aria-labelledby="blocage" className={fr.cx('fr-mt-6w')}>
        <h2 id="blocage">Carnet perdu ou volé</h2>
        <p>
          Bloquez un carnet perdu ou volé, qu’il soit encore dans votre stock ou déjà remis par votre
          structure : ses pass non utilisés sont annulés et ne seront plus acceptés. Le blocage est définitif.
          Un carnet remis par une autre structure se bloque auprès d’elle ou du financeur.
        </p>
        <BlockForm
          key={`${toBlock} ${caseNumber}`}
          organisationId={organisationId}
          handedOut={handedOut.data.booklets}
          inStock={booklets.map((b) => b.serial)}
          initialSerial={toBlock}
          onBlocked={setBlocked}
        />
      </section>
      <section id="remplacement" aria-labelledby="remplacement-titre" className={fr.cx('fr-mt-6w')}>
        <h2 id="remplacement-titre">Remplacer un carnet bloqué</h2>
        <p>
          Le bénéficiaire d’un carnet bloqué reçoit un carnet de votre stock, sans avoir à ressaisir ses
          informations.
        </p>
        <ReplacementForm
          key={blocked}
          organisationId={organisationId}
          blockedSerial={blocked}
          onReplaced={() => setCaseNumber((n) => n + 1)}
        />
      </section>
      <section aria-labelledby="remis" className={fr.cx('fr-mt-6w')}>
        <h2 id="remis">Carnets remis</h2>
        <p>
          Retrouvez le numéro d’un carnet perdu par la date de remise et les initiales du bénéficiaire, ou par
          son nom et sa date de naissance.
        </p>
        <p>
          Une erreur sur le nom ou la date de naissance d’un bénéficiaire ? Ne bloquez pas son carnet, qui
          annulerait ses pass : écrivez au financeur en donnant le numéro du carnet, il rectifie son identité.
        </p>
        <HandedOutLookup organisationId={organisationId} onBlock={chooseToBlock} />
        <HandedOutTable organisationId={organisationId} onBlock={chooseToBlock} />
      </section>
      <section aria-labelledby="stock" className={fr.cx('fr-mt-6w')}>
        <h2 id="stock">Carnets en stock</h2>
        <StockTable organisationName={organisationName} booklets={booklets} programs={programs.data} />
      </section>
    </>
  );
}

interface HandOutSectionProps {
  caseNumber: number;
  organisationId: string;
  booklets: StockBooklet[];
  programs: ProgramSummary[];
}

/** The notice to read first, then the hand-out form, started afresh for each case. */
function HandOutSection({ caseNumber, organisationId, booklets, programs }: HandOutSectionProps) {
  return (
    <>
      {/* RGPD art. 13: the person is told, before their data is recorded, what becomes of it. */}
      <p>
        Avant d’enregistrer la personne, lisez-lui ou remettez-lui la{' '}
        <a
          href="/prescripteur/notice-donnees"
          target="_blank"
          rel="noopener"
          title="Notice d’information sur ses données – nouvelle fenêtre"
          className={fr.cx('fr-link')}
        >
          notice d’information sur ses données
        </a>
        .
      </p>
      <HandOutForm key={caseNumber} organisationId={organisationId} booklets={booklets} programs={programs} />
    </>
  );
}
