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
