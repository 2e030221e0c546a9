/**
 * Why a sign-in with ProConnect did not open a session. The callback sends the browser to
 * the sign-in page with one of these codes (never an e-mail or a token in the address), and
 * the page shows the French message.
 */
export const PROCONNECT_REFUSALS = {
  unavailable:
    'Le service ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.',
  expired:
    "La demande de connexion a expiré ou a déjà servi. Recommencez en cliquant sur « S'identifier avec ProConnect ».",
  cancelled: 'La connexion avec ProConnect a été annulée. Vous pouvez recommencer quand vous voulez.',
  failed:
    "ProConnect n'a pas pu confirmer votre identité. Recommencez en cliquant sur « S'identifier avec ProConnect ».",
  email_not_verified:
    "ProConnect n'a pas confirmé votre adresse électronique : elle ne peut pas être reliée à un compte. Faites-la vérifier auprès de votre fournisseur d'identité, ou connectez-vous avec votre mot de passe.",
  unknown_account:
    "Aucun compte Pass numérique ne correspond à l'adresse électronique de votre compte ProConnect. L'accès se fait sur invitation : demandez à l'administrateur de votre financeur de vous inviter avec cette adresse.",
  account_disabled: "Ce compte est désactivé. Adressez-vous à l'administrateur de votre financeur.",
  password_required:
    'Les administrateurs de la plateforme se connectent avec leur adresse électronique et leur mot de passe, pas avec ProConnect.',
} as const;

export type ProConnectRefusal = keyof typeof PROCONNECT_REFUSALS;

export const isProConnectRefusal = (code: unknown): code is ProConnectRefusal =>
  typeof code === 'string' && Object.hasOwn(PROCONNECT_REFUSALS, code);

/** Where the browser goes after a refusal: the sign-in page, which explains it. */
export const proconnectRefusalPath = (code: ProConnectRefusal) => `/connexion?proconnect=${code}`;

/**
 * A post-sign-in destination must be a path of this site: anything else (another host,
 * `//host`, a backslash that browsers read as a slash) would make the sign-in an open redirect.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  return value;
}
