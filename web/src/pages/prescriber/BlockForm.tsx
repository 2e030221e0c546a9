import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { type FormEvent, useState } from 'react';
import { useBlockBooklet } from '../../api/passes';
import type { BlockReason, BlockResult, HandedOutBooklet } from '../../api/types';
import { renameFields } from '../../lib/apiFields';
import { formatDate, formatInt } from '../../lib/format';
import { BLOCK_REASON_LABELS } from '../../lib/labels';
import { normalizeSerial } from '../../lib/serial';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { RadioField } from '../../ui/form/RadioField';
import { TextField } from '../../ui/form/TextField';
import { fieldId, useForm } from '../../ui/form/useForm';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDialogFocusReturn } from '../../ui/useDialogFocusReturn';
import { useOneAtATime } from '../../ui/useOneAtATime';
import { EMPTY, isReason, LABELS, validateBlock } from './blockForm';
import { showAndFocus } from './showAndFocus';

interface Props {
  organisationId: string;
  /** what the structure handed out: names the holder in the confirmation */
  handedOut: HandedOutBooklet[];
  /** the serials of the structure's stock: the confirmation says whether the booklet is one */
  inStock: readonly string[];
  /** a serial chosen in the list of booklets handed out */
  initialSerial?: string;
  /** the booklet is blocked: offer to replace it */
  onBlocked: (serial: string) => void;
}

// Blocking cannot be undone: a DSFR modal says what will happen before anything is sent.
const confirmModal = createModal({ id: 'confirmer-blocage', isOpenedByDefault: false });

export function BlockForm({ organisationId, handedOut, inStock, initialSerial = '', onBlocked }: Props) {
  const blocked = new Set(handedOut.filter((b) => b.status === 'blocked').map((b) => b.serial));
  const form = useForm({ ...EMPTY, lostSerial: initialSerial }, validateBlock(blocked));
  const block = useBlockBooklet(organisationId);
  // « Bloquer définitivement » double-clicked: the second request's 409 (booklet_blocked)
  // replaced the first one's success, and the booklet seemed not blocked.
  const sendBlock = useOneAtATime(block);
  const [result, setResult] = useState<BlockResult | null>(null);
  const [pending, setPending] = useState<{ serial: string; reason: BlockReason } | null>(null);
  useDialogFocusReturn(confirmModal.id);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setResult(null);
    if (!form.check() || !isReason(form.values.reason)) return;
    setPending({ serial: normalizeSerial(form.values.lostSerial), reason: form.values.reason });
    confirmModal.open();
  };

  const onConfirm = () => {
    if (!pending) return;
    sendBlock(
      { serial: pending.serial, reason: pending.reason },
      {
        onSuccess: (r) => {
          setResult(r);
          form.reset();
          form.set('lostSerial')('');
          setPending(null);
          onBlocked(r.serial);
        },
        onError: (e) => form.showApiError(renameFields(e, { serial: 'lostSerial' })),
      },
    );
  };

  return (
    <>
      {result && (
        <SuccessPanel key={result.serial} as="h3" title="Carnet bloqué">
          <p>
            Le carnet {result.serial} est bloqué : {formatInt(result.cancelledPasses)} pass
            {result.cancelledPasses > 1 ? ' annulés' : ' annulé'}.
          </p>
          <p>
            {/* A bare anchor leaves the focus on <body>: take it to the replacement form, filled in. */}
            <a
              href="#remplacement"
              className={fr.cx('fr-link')}
              onClick={(ev) => {
                ev.preventDefault();
                showAndFocus('remplacement-titre', fieldId('blockedSerial'));
              }}
            >
              Remettre un carnet de remplacement au bénéficiaire
            </a>
          </p>
        </SuccessPanel>
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <TextField
          name="lostSerial"
          label={LABELS.lostSerial}
          hint="Espaces et tirets facultatifs."
          autoComplete="off"
          className="pn-narrow"
          required
          value={form.values.lostSerial}
          onChange={form.set('lostSerial')}
          error={form.errors.lostSerial}
        />
        <RadioField
          name="reason"
          legend={LABELS.reason}
          inline
          options={Object.entries(BLOCK_REASON_LABELS).map(([value, label]) => ({ value, label }))}
          value={form.values.reason}
          onChange={form.set('reason')}
          error={form.errors.reason}
        />
        <Button type="submit" priority="secondary" disabled={block.isPending}>
          Bloquer le carnet
        </Button>
      </form>
      {/* react-dsfr writes the buttons in reverse, drawn reversed again: listed here in the
          opposite order, and with pn-modal-in-order, the DOM (Tab) order is the visual one. */}
      <confirmModal.Component
        title="Bloquer ce carnet ?"
        titleAs="h2"
        className="pn-modal-in-order"
        buttons={[
          {
            children: 'Bloquer définitivement',
            priority: 'primary',
            onClick: onConfirm,
            disabled: block.isPending,
          },
          { children: 'Annuler', priority: 'secondary' },
        ]}
      >
        {pending && (
          <BlockSummary
            pending={pending}
            booklet={handedOut.find((b) => b.serial === pending.serial)}
            stocked={inStock.includes(pending.serial)}
          />
        )}
      </confirmModal.Component>
    </>
  );
}

/** What the confirmation says: the booklet, who holds it, what blocking does. */
function BlockSummary({
  pending,
  booklet,
  stocked,
}: {
  pending: { serial: string; reason: BlockReason };
  booklet: HandedOutBooklet | undefined;
  stocked: boolean;
}) {
  const left = booklet ? booklet.passes - booklet.passesUsed : null;
  return (
    <>
      <p>
        Carnet <strong>{pending.serial}</strong>, déclaré {BLOCK_REASON_LABELS[pending.reason].toLowerCase()}.
      </p>
      <p>
        {booklet
          ? `Remis le ${formatDate(booklet.handedOutOn)} au bénéficiaire ${booklet.initials} ; ${formatInt(booklet.passesUsed)} pass utilisé${booklet.passesUsed > 1 ? 's' : ''} sur ${formatInt(booklet.passes)}.`
          : stocked
            ? 'Ce carnet est dans le stock de votre structure : il en sortira.'
            : // The list of those handed out holds the latest ones only: the server is the judge.
              'Ce carnet n’est ni dans votre stock ni parmi les derniers carnets remis par votre structure : vérifiez son numéro. Un carnet remis par une autre structure se bloque auprès d’elle ou du financeur.'}
      </p>
      <p>
        {left === 0
          ? 'Tous ses pass ont déjà servi : aucun pass n’est annulé.'
          : left === 1
            ? 'Son pass non utilisé sera annulé et refusé par les lieux.'
            : left !== null
              ? `Ses ${formatInt(left)} pass non utilisés seront annulés et refusés par les lieux.`
              : 'Ses pass non utilisés seront annulés et refusés par les lieux.'}{' '}
        Le blocage est définitif ; vous pourrez ensuite remettre un carnet de remplacement au bénéficiaire.
      </p>
    </>
  );
}
