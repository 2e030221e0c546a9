import type { PlaceQualification } from '../../../api/qualification';

type Funder = PlaceQualification['funders'][number];

/**
 * The charter's step for a place, in words. A funder that published no charter asks for none:
 * the step is done, and the application is not held « à compléter » for it (the server's
 * decision does not wait for one either).
 */
export function charterStep(funder: Pick<Funder, 'charter' | 'charterAcceptance'>): {
  done: boolean;
  text: string;
} {
  if (!funder.charter) return { done: true, text: 'aucune à accepter (le financeur n’en a pas publié)' };
  if (funder.charterAcceptance?.current) return { done: true, text: 'acceptée' };
  return {
    done: false,
    text: funder.charterAcceptance ? 'nouvelle version à accepter' : 'à accepter',
  };
}

/**
 * What a funder's section says when none of its programmes takes the place's application (none
 * open yet, or all closed, and none applied to): its heading stood over nothing but the charter,
 * and the place could not tell whether something was expected of it. Null when it lists some.
 */
export function noProgramNote(funder: Pick<Funder, 'programs'>): string | null {
  if (funder.programs.length > 0) return null;
  return 'Aucun dispositif de ce financeur n’est ouvert aux candidatures pour l’instant : le lieu n’a rien à faire pour lui.';
}
