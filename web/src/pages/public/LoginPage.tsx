import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { Link, useNavigate, useRouter } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { PROCONNECT_REFUSALS, type ProConnectRefusal } from '../../../../src/core/proconnect';
import { useLogin, useProConnect } from '../../api/session';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { LostBooklet } from '../../ui/pass/LostBooklet';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const LABELS = { email: 'Adresse électronique', password: 'Mot de passe' };

type Values = { email: string; password: string };

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.email.trim()) e.email = 'Saisissez votre adresse électronique.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(v.email.trim()))
    e.email = 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.';
  if (!v.password) e.password = 'Saisissez votre mot de passe.';
  return e;
}

/**
 * The API answers 401 alike for an unknown e-mail, a wrong password and a lock, and says how
 * the lock works; 429 says how long to wait. Its words first, these when it gave none.
 */
function loginMessage(status: number, detail: string): string | undefined {
  if (status === 401 || status === 403) return detail || 'Adresse électronique ou mot de passe incorrect.';
  if (status === 429)
    return (
      detail || 'Trop de tentatives de connexion. Veuillez patienter quelques minutes avant de réessayer.'
    );
  return undefined;
}

/** Agents of funders and prescribers may sign in with ProConnect, when the instance offers it. */
function ProConnectSignIn({ redirectTo }: { redirectTo?: string }) {
  const proconnect = useProConnect();
  if (!proconnect.data?.enabled) return null;
  const query = redirectTo ? `?redirect=${encodeURIComponent(redirectTo)}` : '';
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="proconnect-title">
      <h2 id="proconnect-title" className={fr.cx('fr-h5')}>
        Agent public : se connecter avec ProConnect
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Votre compte doit avoir été ouvert, ou vous avoir été proposé par invitation, avec l’adresse
        électronique de votre compte ProConnect.
      </p>
      <ProConnectButton url={`/api/v1/auth/proconnect/login${query}`} />
      <p className={fr.cx('fr-hr-or', 'fr-mt-4w')}>ou</p>
    </section>
  );
}

export function LoginPage({
  redirectTo,
  proconnectRefusal,
  sessionExpired = false,
}: {
  redirectTo?: string;
  proconnectRefusal?: ProConnectRefusal;
  /** Sent here because the session ended while the user was working. */
  sessionExpired?: boolean;
}) {
  useDocumentTitle(proconnectRefusal ? 'Connexion avec ProConnect refusée' : 'Connexion');
  const form = useForm<Values>({ email: '', password: '' }, validate);
  const login = useLogin();
  const navigate = useNavigate();
  const router = useRouter();

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    login.mutate(
      { email: form.values.email.trim(), password: form.values.password },
      {
        onSuccess: () => {
          // Replacing the sign-in in the history: « Retour » then goes back before it, not to
          // a sign-in form shown to someone signed in.
          if (redirectTo) router.history.replace(redirectTo);
          else void navigate({ to: '/', replace: true });
        },
        onError: (e) => form.showApiError(e, (err) => loginMessage(err.status, err.detail)),
      },
    );
  };

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Connexion à Pass numérique</h1>
        {/* The site's front page for a visitor: a person holding a pass has no account to sign
            in with and comes to find a place. */}
        <div className={fr.cx('fr-callout', 'fr-mb-4w')}>
          <h2 className={fr.cx('fr-callout__title', 'fr-h5')}>Vous avez reçu un pass numérique ?</h2>
          <p className={fr.cx('fr-callout__text', 'fr-text--md')}>
            Pas besoin de compte pour l’utiliser : présentez-le dans un lieu partenaire.
          </p>
          {/* pn-touch: 44 px tall, a target a finger finds. */}
          <Link
            to="/annuaire"
            className={`${fr.cx('fr-link', 'fr-icon-map-pin-2-line', 'fr-link--icon-left')} pn-touch`}
          >
            Trouver un lieu qui accepte le pass
          </Link>
          <LostBooklet inline className={fr.cx('fr-callout__text', 'fr-text--md', 'fr-mt-2w', 'fr-mb-0')} />
        </div>
        {proconnectRefusal && (
          <Alert
            severity="error"
            title="Connexion avec ProConnect refusée"
            description={PROCONNECT_REFUSALS[proconnectRefusal]}
            className={fr.cx('fr-mb-4w')}
            as="h2"
          />
        )}
        {sessionExpired && !proconnectRefusal && (
          <Alert
            severity="info"
            title="Votre session a expiré"
            description="Pour protéger vos données, une session se ferme quelques heures après la connexion, ou quand on se déconnecte dans un autre onglet. Reconnectez-vous : vous reviendrez à la page où vous étiez (ce qui n’avait pas été enregistré est à saisir de nouveau)."
            className={fr.cx('fr-mb-4w')}
            as="h2"
          />
        )}
        <ProConnectSignIn redirectTo={redirectTo} />
        <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
        <form onSubmit={onSubmit} noValidate>
          <fieldset className={fr.cx('fr-fieldset')}>
            <legend className={fr.cx('fr-fieldset__legend')}>Se connecter avec son compte</legend>
            <p className={fr.cx('fr-text--sm', 'fr-fieldset__element')}>Tous les champs sont obligatoires.</p>
            <div className={fr.cx('fr-fieldset__element')}>
              <TextField
                name="email"
                label={LABELS.email}
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={form.values.email}
                onChange={form.set('email')}
                error={form.errors.email}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <TextField
                name="password"
                label={LABELS.password}
                type="password"
                autoComplete="current-password"
                required
                value={form.values.password}
                onChange={form.set('password')}
                error={form.errors.password}
              />
              <p className={fr.cx('fr-mt-1w', 'fr-mb-0')}>
                <a className={fr.cx('fr-link', 'fr-link--sm')} href="/mot-de-passe-oublie">
                  Mot de passe oublié ?
                </a>
              </p>
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <SubmitButton pending={login.isPending}>Se connecter</SubmitButton>
            </div>
          </fieldset>
        </form>
        <section className={fr.cx('fr-mt-6w')} aria-labelledby="inscription-lieu-titre">
          <h2 id="inscription-lieu-titre" className={fr.cx('fr-h5')}>
            Vous accueillez du public pour l’aider au numérique ?
          </h2>
          <p>
            <a className={fr.cx('fr-link')} href="/lieux/inscription">
              Inscrire votre lieu de médiation numérique
            </a>{' '}
            pour accepter les pass numériques des financeurs de votre territoire.
          </p>
        </section>
      </div>
    </div>
  );
}
