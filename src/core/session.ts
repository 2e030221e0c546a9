/**
 * A session (séance) is the help a place gives for a pass. Its theme comes from the
 * national standard of places of digital mediation (the nine "services" of the
 * schéma des lieux de médiation numérique), so reports speak the State's vocabulary.
 */
export const STANDARD_SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Parentalité et éducation avec le numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
] as const;

export const SESSION_FORMATS = ['individual', 'collective'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

/** A session's format as the desk, the statements and their files name it (« une séance … »). */
export const SESSION_FORMAT_LABELS: Record<SessionFormat, string> = {
  individual: 'Individuelle',
  collective: 'Collective',
};

/** A session lasts between a quarter of an hour and a working day. */
export const SESSION_MINUTES = { min: 15, max: 480 } as const;

/**
 * Why a place may not redeem a pass; the codes are stable API values. A pass of a programme
 * the place does not take is, for that place, an unknown code (see NOT_ACCEPTED): saying
 * more would tell a guesser that the code exists.
 */
export const REFUSALS = [
  'malformed_code',
  'unknown_code',
  'not_handed_out',
  'not_yet_valid',
  'expired',
  'already_redeemed',
  'blocked',
  'cancelled',
  'program_closed',
  'place_suspended',
] as const;
export type Refusal = (typeof REFUSALS)[number];

export const REFUSAL_MESSAGES: Record<Refusal, string> = {
  malformed_code: 'Ce code est mal saisi : vérifiez chaque caractère.',
  unknown_code: 'Ce code ne correspond à aucun pass.',
  not_handed_out: 'Ce pass n’a pas encore été remis à un bénéficiaire.',
  not_yet_valid: 'Ce pass n’est pas encore valable.',
  expired: 'Ce pass a expiré.',
  already_redeemed: 'Ce pass a déjà été utilisé.',
  blocked: 'Ce pass est bloqué (carnet déclaré perdu ou volé).',
  cancelled: 'Ce pass a été annulé : il ne peut plus être utilisé.',
  program_closed:
    'Le dispositif de ce pass n’accepte pas d’encaissement aujourd’hui : il est suspendu, clôturé ou pas encore ouvert.',
  place_suspended:
    'Votre lieu est suspendu par le financeur de ce pass : il ne peut pas encaisser ses pass pour le moment.',
};

/** What the database says of a pass of a programme the place does not take; never told outside. */
export const NOT_ACCEPTED = 'program_not_accepted';
