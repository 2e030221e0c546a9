import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useFunderBlockBooklet } from '../../../api/beneficiaries';
import type { BeneficiaryRecord, BlockReason } from '../../../api/types';
import { counted, formatDate } from '../../../lib/format';
import { BLOCK_REASON_LABELS } from '../../../lib/labels';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { RadioField } from '../../../ui/form/RadioField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { useOneAtATime } from '../../../ui/useOneAtATime';

type Booklet = BeneficiaryRecord['booklets'][number];

const LABELS = { serial: 'Carnet perdu ou volé', reason: 'Motif' };
const REASONS = Object.entries(BLOCK_REASON_LABELS).map(([value, label]) => ({ value, label }));
const BUTTON_ID = 'bloquer-carnet';

function validate(v: { serial: string; reason: string }): FieldErrors {
  const e: FieldErrors = {};
  if (!v.serial) e.serial = 'Choisissez le carnet perdu ou volé.';
  if (!Object.hasOwn(BLOCK_REASON_LABELS, v.reason)) e.reason = 'Indiquez si le carnet a été perdu ou volé.';
  return e;
}

/**
 * A person calls the funder: their booklet is lost or stolen. The admin blocks it from the
 * person's record, choosing it among the person's booklets (never typing a serial); its passes
 * left are cancelled, for good, and the prescriber who handed it out may give a replacement.
 * Said before, and asked again right under the button.
 */
export function BlockBookletForm({ funderId, booklets }: { funderId: string; booklets: Booklet[] }) {
  const live = booklets.filter((b) => b.status === 'handed_out');
  const form = useForm({ serial: live.length === 1 ? live[0]!.serial : '', reason: '' }, validate);
  const block = useFunderBlockBooklet(funderId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendBlock = useOneAtATime(block);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ serial: string; cancelled: number; prescriber: string | null } | null>(
    null,
  );
  const backToButton = useRef(false);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming || !backToButton.current) return;
    backToButton.current = false;
    document.getElementById(BUTTON_ID)?.focus();
  }, [confirming]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const chosen = live.find((b) => b.serial === form.values.serial);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    if (form.check()) setConfirming(true);
  };
  const confirm = () => {
    const booklet = chosen;
    if (!booklet) return;
    sendBlock(
      { serial: booklet.serial, reason: form.values.reason as BlockReason },
      {
        onSuccess: (r) => {
          setConfirming(false);
          form.reset();
          setDone({ serial: r.serial, cancelled: r.cancelledPasses, prescriber: booklet.prescriberName });
        },
        onError: (e) => {
          setConfirming(false);
          form.showApiError(e);
        },
      },
    );
  };

  if (live.length === 0 && !done) return null;
  return (
    <section aria-labelledby="bloquer" className={`fr-no-print ${fr.cx('fr-mt-6w')}`}>
      <h2 id="bloquer">Bloquer un carnet perdu ou volé</h2>
      {done && (
        <div ref={doneRef} tabIndex={-1} className={fr.cx('fr-alert', 'fr-alert--success', 'fr-mb-3w')}>
          <h3 className={fr.cx('fr-alert__title')}>Carnet {done.serial} bloqué</h3>
          <p>
            {counted(done.cancelled, 'pass non utilisé est annulé', 'pass non utilisés sont annulés')} : aucun
            lieu ne peut plus les encaisser.{' '}
            {done.prescriber
              ? `${done.prescriber}, qui a remis le carnet, peut remettre un carnet de remplacement à la personne.`
              : 'Le prescripteur qui a remis le carnet peut remettre un carnet de remplacement à la personne.'}
          </p>
        </div>
      )}
      {live.length > 0 && (
        <>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
          <form onSubmit={onSubmit} noValidate>
            <RadioField
              name="serial"
              legend={LABELS.serial}
              options={live.map((b) => ({
                value: b.serial,
                label: `${b.serial}, remis le ${formatDate(b.handedOutOn)} (${counted(b.passesUsed, 'pass utilisé', 'pass utilisés')} sur ${b.passes})`,
              }))}
              value={form.values.serial}
              onChange={form.set('serial')}
              error={form.errors.serial}
            />
            <RadioField
              name="reason"
              legend={LABELS.reason}
              inline
              options={REASONS}
              value={form.values.reason}
              onChange={form.set('reason')}
              error={form.errors.reason}
            />
            <Button type="submit" priority="secondary" nativeButtonProps={{ id: BUTTON_ID }}>
              Bloquer le carnet
            </Button>
            {confirming && chosen && (
              <InlineConfirm
                className={fr.cx('fr-mt-2w')}
                question={`Bloquer pour de bon le carnet ${chosen.serial} ? Ses pass non utilisés seront annulés.`}
                confirmLabel="Oui, bloquer le carnet"
                keepLabel="Non, ne rien bloquer"
                pending={block.isPending}
                onConfirm={confirm}
                onKeep={() => {
                  backToButton.current = true;
                  setConfirming(false);
                }}
              />
            )}
          </form>
        </>
      )}
    </section>
  );
}
