import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { type FormEvent, useRef } from 'react';
import {
  REFUSALS,
  SESSION_FORMATS,
  SESSION_MINUTES,
  STANDARD_SERVICES,
} from '../../../../../src/core/session';
import { ApiError } from '../../../api/client';
import { useRedeem } from '../../../api/redemptions';
import type { PassCheck, Redemption, SessionFormat } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SelectField } from '../../../ui/form/SelectField';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, fieldId, useForm } from '../../../ui/form/useForm';
import { FORMAT_LABELS } from './labels';
import { newNonce } from './nonce';

// Field names are the API's, so a 422's errors[].field lands on its input.
type Values = { theme: string; durationMinutes: string; format: string };

const LABELS: Record<keyof Values, string> = {
  theme: 'Thème de la séance',
  durationMinutes: 'Durée de la séance, en minutes',
  format: 'Format de la séance',
};

function validator(themes: readonly string[]) {
  return (v: Values): FieldErrors => {
    const e: FieldErrors = {};
    if (!themes.includes(v.theme)) e.theme = 'Choisissez le thème de la séance.';
    const minutes = Number(v.durationMinutes.trim());
    if (!v.durationMinutes.trim()) e.durationMinutes = 'Indiquez la durée de la séance.';
    else if (!Number.isInteger(minutes) || minutes < SESSION_MINUTES.min || minutes > SESSION_MINUTES.max)
      e.durationMinutes = `Saisissez un nombre entier de minutes, entre ${SESSION_MINUTES.min} et ${SESSION_MINUTES.max}.`;
    if (!(SESSION_FORMATS as readonly string[]).includes(v.format))
      e.format = 'Indiquez si la séance est individuelle ou collective.';
    return e;
  };
}

const isRefusal = (code: string) => (REFUSALS as readonly string[]).includes(code);

/** No answer, or a server failure: the redemption may or may not have been written. */
const outcomeUnknown = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500;

/** A recorded session's theme, duration and format: the next form's starting values. */
export type SessionChoice = Pick<Redemption, 'theme' | 'durationMinutes' | 'format'>;

interface Props {
  placeId: string;
  /** canonical code, as checked */
  code: string;
  pass: PassCheck;
  /** the day the session was given, when not today (checked with the code above) */
  sessionOn?: string;
  onRedeemed: (r: Redemption) => void;
  /** the server refused after all (used meanwhile at another desk…): the page checks again */
  onRefused: () => void;
  /**
   * The session last recorded at this desk: a group workshop's ten participants are recorded
   * one after the other, each with the same theme, duration and format.
   */
  previous?: SessionChoice | null;
}

export function SessionForm({ placeId, code, pass, sessionOn, onRedeemed, onRefused, previous }: Props) {
  // The API lists the themes the place declares on its description (all nine while it declares
  // none); another is refused (theme_not_offered). None listed, from an older server: the nine.
  const themes: readonly string[] = pass.themes.length > 0 ? pass.themes : STANDARD_SERVICES;
  // The previous session's theme only when it is offered here: chosen for the agent, a theme
  // not offered would only be refused.
  const theme =
    previous && themes.includes(previous.theme)
      ? previous.theme
      : themes.length === 1
        ? (themes[0] ?? '')
        : '';
  const form = useForm<Values>(
    {
      theme,
      durationMinutes: previous ? String(previous.durationMinutes) : '60',
      format: previous?.format ?? 'individual',
    },
    validator(themes),
  );
  const redeem = useRedeem(placeId);
  // Kept while the last attempt's outcome is unknown, so a retry replays the same attempt
  // and the server answers with the first result instead of redeeming twice.
  const nonce = useRef<string | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    // A second tap while the first is on its way: the button stays focusable (aria-disabled).
    if (redeem.isPending || !form.check()) return;
    nonce.current ??= newNonce();
    const v = form.values;
    redeem.mutate(
      {
        placeId,
        code,
        nonce: nonce.current,
        theme: v.theme,
        durationMinutes: Number(v.durationMinutes.trim()),
        format: v.format as SessionFormat,
        ...(sessionOn ? { sessionOn } : {}),
      },
      {
        onSuccess: (r) => {
          nonce.current = null;
          onRedeemed(r);
        },
        onError: (e) => {
          if (!outcomeUnknown(e)) nonce.current = null;
          if (e instanceof ApiError && isRefusal(e.code)) onRefused();
          form.showApiError(e, (err) =>
            outcomeUnknown(err)
              ? 'La réponse du serveur n’est pas arrivée. Vérifiez la connexion puis cliquez de nouveau sur « Confirmer l’encaissement » : le pass ne sera jamais encaissé deux fois.'
              : undefined,
          );
        },
      },
    );
  };

  return (
    <section aria-labelledby="seance" className={fr.cx('fr-mb-6w')}>
      <h2 id="seance">Séance</h2>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <SelectField
          name="theme"
          label={LABELS.theme}
          placeholder="Choisissez un thème"
          options={themes.map((t) => ({ value: t, label: t }))}
          required
          value={form.values.theme}
          onChange={form.set('theme')}
          error={form.errors.theme}
        />
        <TextField
          name="durationMinutes"
          label={LABELS.durationMinutes}
          hint={`Entre ${SESSION_MINUTES.min} et ${SESSION_MINUTES.max} minutes.`}
          type="number"
          inputMode="numeric"
          min={String(SESSION_MINUTES.min)}
          className="pn-narrow"
          required
          value={form.values.durationMinutes}
          onChange={form.set('durationMinutes')}
          error={form.errors.durationMinutes}
        />
        <RadioButtons
          id={fieldId('format')}
          legend={LABELS.format}
          name="format"
          orientation="horizontal"
          state={form.errors.format ? 'error' : 'default'}
          stateRelatedMessage={form.errors.format}
          options={SESSION_FORMATS.map((f) => ({
            label: FORMAT_LABELS[f],
            nativeInputProps: {
              value: f,
              checked: form.values.format === f,
              onChange: () => form.set('format')(f),
            },
          }))}
        />
        {/* Not `disabled` while sending: a disabled button loses the focus, which fell back to
            the page for the seconds a slow network takes; it says what is under way instead. */}
        <Button
          type="submit"
          size="large"
          nativeButtonProps={{ 'aria-disabled': redeem.isPending || undefined }}
        >
          {redeem.isPending ? 'Encaissement en cours…' : 'Confirmer l’encaissement'}
        </Button>
        <p role="status" className={fr.cx('fr-sr-only')}>
          {redeem.isPending ? 'Encaissement en cours, patientez.' : ''}
        </p>
      </form>
    </section>
  );
}
